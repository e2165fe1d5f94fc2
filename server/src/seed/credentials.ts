/**
 * Demo connector credentials: one per connector the example playbooks use, named as the
 * examples name them, so that the examples pass their connector checks (review request,
 * publish) on first start. All `test` mode, with values that are plainly not secrets: a
 * call with one fails with the vendor's auth error until an admin rotates a real value in.
 * Created through the credentials service by the demo admin, so they are sealed and
 * audited like anyone's.
 */
import type { CreateCredentialBody } from '@autonomic/api';
import type { AppContext } from '../context';
import { createConnectorClient } from '../connectors/client';
import { connectorById } from '../connectors/registry';
import { createHttpClient } from '../adapters/http-client';
import { createCredentialsService, type CredentialsService } from '../services/credentials';
import { createSecretsVault } from '../services/secrets/vault';
import { listCredentials } from '../store/credentials';
import { seedActor } from './actor';

type DemoCredential = Omit<CreateCredentialBody, 'mode' | 'baseUrl'>;

const SENDER = 'soc-automation@corp.example';

/** The demo credentials, in the order they are created. */
export const DEMO_CREDENTIALS: readonly DemoCredential[] = [
  { name: 'abuseipdb-demo', connectorId: 'abuseipdb', value: 'demo-abuseipdb-key-not-a-secret', settings: {} },
  { name: 'virustotal-demo', connectorId: 'virustotal', value: 'demo-virustotal-key-not-a-secret', settings: {} },
  {
    name: 'fortigate-demo',
    connectorId: 'fortigate',
    value: 'demo-fortigate-token-not-a-secret',
    settings: { host: 'fw-mgmt.corp.example', port: '443' },
  },
  { name: 'slack-demo', connectorId: 'slack', value: 'xoxb-demo-not-a-real-token', settings: {} },
  {
    name: 'jira-demo',
    connectorId: 'jira',
    value: `${SENDER}:demo-jira-token-not-a-secret`,
    settings: { site: 'autonomic-demo' },
  },
  {
    name: 'smtp-demo',
    connectorId: 'email-smtp',
    value: `${SENDER}:demo-smtp-password-not-a-secret`,
    settings: { host: 'smtp.corp.example', port: '587', security: 'starttls', from: SENDER },
  },
  {
    name: 'falcon-demo',
    connectorId: 'crowdstrike-falcon',
    value: 'demo-falcon-client-id:demo-falcon-secret-not-a-secret',
    settings: { cloud: 'api.crowdstrike.com' },
  },
  {
    name: 'okta-demo',
    connectorId: 'okta',
    value: 'demo-okta-api-token-not-a-secret',
    settings: { domain: 'corp-example.okta.com' },
  },
];

/**
 * The credentials service as the server builds it (the same master key), for the seed.
 * Its connector client would only run test connections, which the seed never does.
 */
export function seedCredentialsService(ctx: AppContext): CredentialsService {
  const http = createHttpClient({ allow: ctx.config.OUTBOUND_ALLOW });
  return createCredentialsService(ctx, {
    cipher: createSecretsVault(ctx).cipher,
    client: createConnectorClient({ http }),
  });
}

/**
 * Creates the demo credentials when the credentials table is empty; does nothing
 * otherwise, so it is safe on every start. A connector that is not installed is skipped
 * with a warning (its example then stays unpublished, and the seed says why).
 * @returns the names created
 */
export async function seedDemoCredentials(ctx: AppContext, opts: { adminId: string }): Promise<string[]> {
  if ((await listCredentials(ctx.prisma)).length > 0) return [];
  const credentials = seedCredentialsService(ctx);
  const admin = await seedActor(ctx, opts.adminId);
  const created: string[] = [];
  for (const c of DEMO_CREDENTIALS) {
    if (!connectorById(c.connectorId)) {
      ctx.log.warn(
        { credential: c.name, connector: c.connectorId },
        'demo credential skipped: connector not installed',
      );
      continue;
    }
    await credentials.create({ ...c, mode: 'test' }, admin);
    created.push(c.name);
  }
  ctx.log.info({ credentials: created }, 'demo connector credentials seeded (test mode, fake values)');
  return created;
}
