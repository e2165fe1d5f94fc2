/**
 * Upgrading keeps published v1 playbooks running: at start the server adopts the
 * credentials their migrated steps name (issue 11 §2), and a live run then sends what the
 * retired block-ip and notify steps sent — method, URL, auth header and body — to a local
 * gateway. What cannot be adopted is skipped and logged.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { WorkflowDocument } from '@autonomic/workflow';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOOK_SECRET, startGatewayMock, type GatewayMock } from '../../connectors/autonomic-gateway/mock';
import type { AppContext } from '../../src/context';
import { createServer, type Server } from '../../src/server';
import { TEST_SCRYPT } from '../../src/services/auth';
import { newApiToken, sha256 } from '../../src/services/auth/secrets';
import { ADOPTION_ACTOR, adoptLegacyCredentials } from '../../src/services/credentials/adopt-legacy';
import { createSecretsVault } from '../../src/services/secrets/vault';
import { insertApiToken } from '../../src/store/api-tokens';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, publishedWorkflow } from '../runs/support';
import { createUser, testContext } from '../support/app';

let db: TestDatabase;
let ctx: AppContext;
let gateway: GatewayMock;
let server: Server;
let http: HttpServer;
let token: string;
const TOKEN = 'fw-bearer-7f3a9c';

/**
 * A format v1 playbook as stored before the upgrade:
 *   alert ─out→ block (block-ip, bearer secret fw.token) ─out→ tell (notify slack)
 */
function v1Playbook(base: string): Record<string, unknown> {
  return {
    formatVersion: 1,
    metadata: { name: 'Legacy containment' },
    trigger: { id: 'alert', type: 'trigger.manual', params: {}, transitions: { out: ['block'] } },
    steps: {
      block: {
        type: 'block-ip',
        params: {
          ip: '{{ event.ip }}',
          reason: 'score {{ event.score }}',
          duration: '1h',
          endpoint: { url: `${base}/api/block?tenant=acme`, auth: { type: 'bearer', secret: 'fw.token' } },
        },
        transitions: { out: ['tell'] },
      },
      tell: {
        type: 'notify',
        params: { channel: 'slack', to: '#soc', subject: 'Blocked', message: '{{ event.ip }} blocked' },
      },
    },
  };
}

/** A draft whose receiver is a template and whose secret was never set: neither can be adopted. */
const unadoptable: Record<string, unknown> = {
  formatVersion: 1,
  metadata: { name: 'Legacy draft' },
  trigger: { id: 'alert', type: 'trigger.manual', params: {}, transitions: { out: ['off', 'iso'] } },
  steps: {
    off: {
      type: 'disable-user',
      params: { user: 'u', reason: 'r', endpoint: { url: '{{ vars.idp }}/disable' } },
    },
    iso: {
      type: 'isolate-host',
      params: {
        host: 'h',
        reason: 'r',
        endpoint: { url: 'https://edr.example/x', auth: { type: 'bearer', secret: 'edr.key' } },
      },
    },
  },
};

/** Two steps naming one token secret for two receivers: one credential cannot serve both. */
const conflicting: Record<string, unknown> = {
  formatVersion: 1,
  metadata: { name: 'Legacy two firewalls' },
  trigger: { id: 'alert', type: 'trigger.manual', params: {}, transitions: { out: ['east', 'west'] } },
  steps: {
    east: {
      type: 'block-ip',
      params: {
        ip: 'x',
        reason: 'r',
        endpoint: { url: 'https://east.example/b', auth: { type: 'bearer', secret: 'shared.key' } },
      },
    },
    west: {
      type: 'block-ip',
      params: {
        ip: 'x',
        reason: 'r',
        endpoint: { url: 'https://west.example/b', auth: { type: 'bearer', secret: 'shared.key' } },
      },
    },
  },
};

const stored = (doc: Record<string, unknown>) => doc as unknown as WorkflowDocument;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startGatewayMock({ type: 'bearer', token: TOKEN });
  ctx = testContext(db.prisma, {
    SECRET_KEY: randomBytes(32).toString('base64'),
    OUTBOUND_ALLOW: ['127.0.0.1'],
    EXECUTOR: true,
  });
  const admin = await createUser(db.prisma, 'admin');
  token = newApiToken();
  await insertApiToken(db.prisma, { name: 'adopt', tokenHash: sha256(token), userId: admin.id, expiresAt: null });
  const actor = {
    userId: admin.id,
    username: admin.username,
    role: 'admin' as const,
    via: 'token' as const,
    tokenId: 't',
  };
  const vault = createSecretsVault(ctx);
  await vault.put('fw.token', TOKEN, actor);
  await vault.put('notify.slack', gateway.hookUrl, actor);
  await vault.put('shared.key', 'k', actor);
  server = createServer(ctx, { auth: { scrypt: TEST_SCRYPT }, databaseUrl: db.url });
  http = server.app.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await server.stop();
  http.close();
  await gateway.close();
  await db.drop();
});

describe('legacy credential adoption at start', () => {
  it('when a published v1 block-ip playbook runs after start then the gateway gets the legacy request', async () => {
    const wf = await publishedWorkflow(db.prisma, stored(v1Playbook(gateway.baseUrl)));
    await publishedWorkflow(db.prisma, stored(unadoptable), { publish: false });
    await publishedWorkflow(db.prisma, stored(conflicting), { publish: false });
    await server.start();

    const rows = await db.prisma.connectorCredential.findMany({ orderBy: { name: 'asc' } });
    expect(rows.map((r) => [r.name, r.connectorId, r.mode, r.baseUrl, r.settings])).toEqual([
      ['fw-token', 'autonomic-gateway', 'live', gateway.baseUrl, { auth: 'bearer' }],
      ['notify-slack', 'autonomic-gateway', 'live', gateway.baseUrl, { auth: 'webhook_url' }],
    ]);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: 'credential.created' } });
    expect(audit.map((a) => a.actor)).toEqual([ADOPTION_ACTOR, ADOPTION_ACTOR]);

    const started = await request(http)
      .post(`/api/workflows/${wf.workflowId}/runs`)
      .set('authorization', `Bearer ${token}`)
      .send({ event: { ip: '203.0.113.7', score: 97 } })
      .expect(202);
    const runId = String(started.body.runId);
    const run = await eventually(
      () =>
        db.prisma.run
          .findUnique({ where: { id: runId } })
          .then((r) => (r && ['succeeded', 'failed'].includes(r.status) ? r : undefined)),
      15_000,
    );
    expect(run.status).toBe('succeeded');

    const [block, tell] = gateway.calls;
    // What the retired containment step sent (server/src/adapters/live-effects.ts before format 2).
    const key = `${runId}:block:1`;
    expect(block?.method).toBe('POST');
    expect(`${block?.path}?${block?.query.toString()}`).toBe('/api/block?tenant=acme');
    expect(block?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    });
    expect(block?.body).toBe(
      JSON.stringify({
        action: 'block-ip',
        target: '203.0.113.7',
        reason: 'score 97',
        duration: '1h',
        runId,
        idempotencyKey: key,
      }),
    );
    // What the retired notify step sent to the notify.slack webhook.
    expect(tell?.path).toBe(`/hooks/${HOOK_SECRET}`);
    expect(tell?.headers['idempotency-key']).toBe(`${runId}:tell:1`);
    expect(tell?.body).toBe(
      JSON.stringify({
        text: '*Blocked*\n203.0.113.7 blocked',
        to: '#soc',
        subject: 'Blocked',
        message: '203.0.113.7 blocked',
        runId,
      }),
    );
  });

  it('when adoption runs again then nothing is created twice and the unadoptable names say why (a template origin, a missing secret, two receivers)', async () => {
    const vault = createSecretsVault(ctx);
    const credentials = {
      index: async () =>
        (await db.prisma.connectorCredential.findMany()).map((r) => ({
          name: r.name,
          connectorId: r.connectorId,
          mode: r.mode,
        })),
      create: async () => {
        throw new Error('nothing should be created');
      },
    };
    const report = await adoptLegacyCredentials(ctx, { credentials, vault });

    expect(report.adopted).toEqual([]);
    expect(report.skipped).toEqual({
      'gateway-step-off': 'the endpoint URL starts with a template: its origin is unknown',
      'edr-key': 'the vault has no secret "edr.key"',
      'shared-key': expect.stringContaining('steps name it for different receivers'),
    });
  });
});
