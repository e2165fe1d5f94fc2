/**
 * Start-up adoption of the credentials format v1 playbooks used implicitly. Format 2 turns
 * the retired `block-ip`, `isolate-host`, `disable-user` and `notify` steps into actions
 * of `autonomic-gateway`, each naming a credential (see `legacyCredentials`); a version
 * published before the upgrade must keep running, so every such credential that does not
 * exist yet is created `live` from what the legacy step used: the endpoint URL's origin
 * as base URL and the vault secret (`endpoint.auth.secret`, or the `notify.<channel>`
 * webhook URL) as value, audited as `system:legacy-migration`. What cannot be adopted is
 * logged and skipped; the editor then shows the step's missing credential.
 */
import { GATEWAY_CONNECTOR, legacyCredentials, migrateTo, type LegacyCredential } from '@autonomic/workflow';
import { CreateCredentialBody } from '@autonomic/api';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { documentsBefore } from '../../store/versions';
import type { SecretsVault } from '../contracts';
import type { CredentialsService } from './index';

export const ADOPTION_ACTOR = 'system:legacy-migration';

export interface AdoptionDeps {
  credentials: Pick<CredentialsService, 'index' | 'create'>;
  vault: Pick<SecretsVault, 'reveal'>;
}

export interface AdoptionReport {
  adopted: string[];
  /** Credential name → why it was not adopted. */
  skipped: Record<string, string>;
}

/** Where a credential is named, for the log. */
type Use = LegacyCredential & { where: string };

/** The same credential as another step described it? (Name aside.) */
const sameAs = (a: LegacyCredential, b: LegacyCredential) =>
  a.baseUrl === b.baseUrl && a.secret === b.secret && a.auth === b.auth && a.header === b.header;

export async function adoptLegacyCredentials(ctx: AppContext, deps: AdoptionDeps): Promise<AdoptionReport> {
  const report: AdoptionReport = { adopted: [], skipped: {} };
  const uses = new Map<string, Use[]>();
  for (const row of await documentsBefore(ctx.prisma, 2)) {
    const v1 = migrateTo(row.document, 1);
    if (!v1.ok) continue;
    for (const c of legacyCredentials(v1.value)) {
      const where = `${row.workflowId} v${row.number} step ${c.stepId}`;
      uses.set(c.name, [...(uses.get(c.name) ?? []), { ...c, where }]);
    }
  }
  if (uses.size === 0) return report;
  const existing = new Set((await deps.credentials.index()).map((c) => c.name));
  const skip = (name: string, why: string, where: string[]) => {
    report.skipped[name] = why;
    ctx.log.warn({ credential: name, steps: where.slice(0, 10) }, `legacy credential not adopted: ${why}`);
  };
  for (const [name, all] of uses) {
    if (existing.has(name)) continue;
    const [first] = all;
    if (!first) continue;
    const where = all.map((u) => u.where);
    const other = all.find((u) => !sameAs(u, first));
    if (other) {
      skip(name, `steps name it for different receivers (${first.where}; ${other.where})`, where);
      continue;
    }
    const why = await adoptOne(first, deps);
    if (why) skip(name, why, where);
    else {
      report.adopted.push(name);
      ctx.log.info({ credential: name, steps: where.slice(0, 10) }, 'legacy credential adopted');
    }
  }
  return report;
}

/** Creates the credential; the reason when it cannot. */
async function adoptOne(c: LegacyCredential, deps: AdoptionDeps): Promise<string | undefined> {
  const value = c.secret === undefined ? 'none' : await deps.vault.reveal(c.secret);
  if (value === undefined) return `the vault has no secret "${c.secret ?? ''}"`;
  let baseUrl = c.baseUrl;
  if (c.auth === 'webhook_url') {
    try {
      baseUrl = new URL(value).origin;
    } catch {
      return `the secret "${c.secret ?? ''}" is not a URL`;
    }
  }
  if (baseUrl === undefined) return 'the endpoint URL starts with a template: its origin is unknown';
  const body = CreateCredentialBody.safeParse({
    name: c.name,
    connectorId: GATEWAY_CONNECTOR.id,
    mode: 'live',
    value,
    settings: { auth: c.auth, ...(c.header === undefined ? {} : { header: c.header }) },
    baseUrl,
  });
  if (!body.success) return body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  try {
    await deps.credentials.create(body.data, ADOPTION_ACTOR);
    return undefined;
  } catch (e) {
    // Another process adopted it first, or the value does not fit the auth (basic without a colon).
    return e instanceof AppError ? e.message : String(e);
  }
}
