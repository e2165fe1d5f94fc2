import { execFile } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { triggerRoutes } from '../../src/http/routes/triggers';
import { webhookRoutes } from '../../src/http/routes/webhooks';
import type { RunSummaryView } from '../../src/services/contracts';
import { createSecretsVault } from '../../src/services/secrets';
import { createWebhookSecrets, createWebhookService } from '../../src/services/triggers';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';
import { fakeRunStarter, seedWorkflow } from './fixtures';

let db: TestDatabase;
let server: Server;
let runs: ReturnType<typeof fakeRunStarter>;
let finished: Map<string, RunSummaryView>;
let service: ReturnType<typeof createWebhookService>;
let owner: Awaited<ReturnType<typeof createUser>>;

const sign = (secret: string, ts: number | string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

function deliver(
  workflowId: string,
  secret: string,
  body: string,
  opts: { ts?: number; headers?: Record<string, string> } = {},
) {
  const ts = opts.ts ?? now();
  return request(server)
    .post(`/api/hooks/${workflowId}`)
    .set('Content-Type', 'application/json')
    .set('x-autonomic-timestamp', String(ts))
    .set('x-autonomic-signature', sign(secret, ts, body))
    .set(opts.headers ?? {})
    .send(body);
}

async function webhookWorkflow(trigger: 'trigger.webhook' | 'trigger.manual' = 'trigger.webhook') {
  const { workflow } = await seedWorkflow(db.prisma, { trigger, ownerId: owner.id });
  const res = await request(server)
    .post(`/api/workflows/${workflow.id}/webhook-secret`)
    .set('Authorization', owner.auth);
  expect(res.status).toBe(201);
  return { id: workflow.id, secret: res.body.secret as string, created: res.body };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  finished = new Map();
  runs = fakeRunStarter((id) => finished.get(id) ?? { runId: id, status: 'running' }, db.prisma);
  const vault = createSecretsVault(ctx, randomBytes(32));
  const webhooks = createWebhookService(ctx, { runs: runs.starter, cipher: vault.cipher });
  service = webhooks;
  const webhookSecrets = createWebhookSecrets(ctx, { cipher: vault.cipher, webhooks });
  const { app } = testApp(ctx, [webhookRoutes({ webhooks }), triggerRoutes({ webhookSecrets })]);
  server = app.listen(0, '127.0.0.1');
  owner = await createUser(db.prisma, 'analyst');
});
afterAll(async () => {
  server.close();
  await db.drop();
});
beforeEach(() => {
  runs.calls.length = 0;
  finished.clear();
});

describe('webhook secret', () => {
  it('when the owner generates a secret then it is shown once with the URL and a recipe, and never again', async () => {
    const { id, secret, created } = await webhookWorkflow();
    expect(secret).toMatch(/^whsec_/);
    expect(created.url).toMatch(new RegExp(`/api/hooks/${id}$`));
    expect(created.example).toContain('openssl dgst -sha256 -hmac');
    const info = await request(server).get(`/api/workflows/${id}/webhook`).set('Authorization', owner.auth);
    expect(info.body).toEqual({ url: created.url, configured: true });
    expect(JSON.stringify(info.body)).not.toContain(secret);
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: id } });
    expect(audit.map((a) => a.action)).toEqual(['workflow.webhook_secret_created']);
    expect(JSON.stringify(audit)).not.toContain(secret);
    const row = await db.prisma.workflow.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.webhookSecretCiphertext ?? []).toString('utf8')).not.toContain(secret.slice(6));
  });

  it('when someone other than the owner or an admin rotates the secret then 403 and the secret still works', async () => {
    const { id, secret } = await webhookWorkflow();
    const other = await createUser(db.prisma, 'manager');
    const res = await request(server).post(`/api/workflows/${id}/webhook-secret`).set('Authorization', other.auth);
    expect(res.status).toBe(403);
    expect((await deliver(id, secret, '{"a":1}')).status).toBe(202);
  });

  it('when the secret is rotated then the old one is refused and the new one accepted', async () => {
    const { id, secret: old } = await webhookWorkflow();
    expect((await deliver(id, old, '{"n":1}')).status).toBe(202);
    const rotated = await request(server).post(`/api/workflows/${id}/webhook-secret`).set('Authorization', owner.auth);
    expect((await deliver(id, old, '{"n":2}')).status).toBe(401);
    expect((await deliver(id, rotated.body.secret, '{"n":3}')).status).toBe(202);
    expect(runs.calls.map((c) => c.event)).toEqual([{ n: 1 }, { n: 3 }]);
  });
});

describe('signed delivery', () => {
  it('when the signature is valid then 202 with the run id and the run starts with the body', async () => {
    const { id, secret } = await webhookWorkflow();
    const res = await deliver(id, secret, '{"alert":"brute force","ip":"203.0.113.7"}');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ runId: 'run-1', deduplicated: false });
    expect(runs.calls).toEqual([
      {
        workflowId: id,
        event: { alert: 'brute force', ip: '203.0.113.7' },
        trigger: 'webhook',
        // The signature is claimed by the run's own INSERT (a refusal does not spend it).
        claim: { nonce: expect.any(String), expiresAt: expect.any(Date) },
      },
    ]);
  });

  it('when a signature is wrong, missing, stale, from the future or replayed then the same 401 and nothing starts', async () => {
    const { id, secret } = await webhookWorkflow();
    const body = '{"alert":"x"}';
    const sent = now() - 10;
    const first = await deliver(id, secret, body, { ts: sent });
    expect(first.status).toBe(202);
    runs.calls.length = 0;
    const answers = [
      await deliver(id, 'whsec_wrong', body),
      await request(server).post(`/api/hooks/${id}`).set('Content-Type', 'application/json').send(body),
      await deliver(id, secret, body, { ts: now() - 6 * 60 }),
      await deliver(id, secret, body, { ts: now() + 6 * 60 }),
      await deliver(id, secret, body, { ts: sent }), // the same signed request again
      await deliver(randomUUID(), secret, body),
      await deliver('not-a-workflow', secret, body),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    for (const r of answers) expect(r.body).toEqual(answers[0]?.body);
    expect(runs.calls).toEqual([]);
  });

  it('when the same signed request arrives several times at once then exactly one is accepted', async () => {
    const { id, secret } = await webhookWorkflow();
    const ts = now();
    const answers = await Promise.all(Array.from({ length: 6 }, () => deliver(id, secret, '{"burst":true}', { ts })));
    expect(answers.map((r) => r.status).sort()).toEqual([202, 401, 401, 401, 401, 401]);
    expect(runs.calls).toHaveLength(1);
  });

  it('when many different deliveries arrive at once then each is accepted once (nonces are claimed in batches)', async () => {
    const { id, secret } = await webhookWorkflow();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => deliver(id, secret, `{"n":${i}}`)));
    expect(answers.every((r) => r.status === 202)).toBe(true);
    expect(runs.calls).toHaveLength(20);
    expect(await db.prisma.webhookNonce.count({ where: { workflowId: id } })).toBe(20);
  });

  it('when the body is changed after signing then 401', async () => {
    const { id, secret } = await webhookWorkflow();
    const ts = now();
    const res = await request(server)
      .post(`/api/hooks/${id}`)
      .set('Content-Type', 'application/json')
      .set('x-autonomic-timestamp', String(ts))
      .set('x-autonomic-signature', sign(secret, ts, '{"ip":"1.2.3.4"}'))
      .send('{"ip":"1.2.3.5"}');
    expect(res.status).toBe(401);
    expect(runs.calls).toEqual([]);
  });

  it('when the workflow is not started by webhooks then 409 not_webhook, but only with a valid signature', async () => {
    const { id, secret } = await webhookWorkflow('trigger.manual');
    expect((await deliver(id, 'whsec_wrong', '{}')).status).toBe(401);
    const res = await deliver(id, secret, '{}');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_webhook');
    expect(runs.calls).toEqual([]);
  });

  it('when two deliveries share a delivery id then they share one run (the repeat answers 200: nothing queued)', async () => {
    const { id, secret } = await webhookWorkflow();
    const a = await deliver(id, secret, '{"x":1}', { headers: { 'x-autonomic-delivery': 'evt-42' } });
    const b = await deliver(id, secret, '{"x":1}', { ts: now() - 1, headers: { 'x-autonomic-delivery': 'evt-42' } });
    expect([a.status, b.status]).toEqual([202, 200]);
    expect(b.body).toEqual({ runId: a.body.runId, deduplicated: true });
    expect(runs.calls.map((c) => c.dedupeKey)).toEqual([`webhook:${id}:evt-42`, `webhook:${id}:evt-42`]);
  });
});

describe('replay records', () => {
  it('when nonces expire then the purge removes them and keeps the live ones', async () => {
    const { id, secret } = await webhookWorkflow();
    await deliver(id, secret, '{"fresh":1}');
    await db.prisma.webhookNonce.create({
      data: { workflowId: id, nonce: 'old', expiresAt: new Date(Date.now() - 1_000) },
    });
    expect(await service.purgeExpiredNonces()).toBeGreaterThanOrEqual(1);
    const left = await db.prisma.webhookNonce.findMany({ where: { workflowId: id } });
    expect(left.map((n) => n.nonce)).toHaveLength(1);
    expect(left[0]?.nonce).not.toBe('old');
  });
});

describe('wait mode', () => {
  it('when the caller waits and the run ends in time then 200 with its output', async () => {
    const { id, secret } = await webhookWorkflow();
    finished.set('run-1', { runId: 'run-1', status: 'succeeded', output: { verdict: 'malicious' } });
    const res = await request(server)
      .post(`/api/hooks/${id}?wait=5000`)
      .set('Content-Type', 'application/json')
      .set('x-autonomic-timestamp', String(now()))
      .set('x-autonomic-signature', sign(secret, now(), '{"q":1}'))
      .send('{"q":1}');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      runId: 'run-1',
      deduplicated: false,
      status: 'succeeded',
      output: { verdict: 'malicious' },
      error: null,
    });
  });

  it('when the run is still going at the deadline then 202 with its status (Prefer: wait)', async () => {
    const { id, secret } = await webhookWorkflow();
    const res = await deliver(id, secret, '{"q":2}', { headers: { Prefer: 'wait=2' } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ runId: 'run-1', deduplicated: false, status: 'running' });
    expect(res.headers['preference-applied']).toBe('wait=2');
  });

  it('when wait is over 30 s then 400 naming query.wait and nothing starts', async () => {
    const { id, secret } = await webhookWorkflow();
    const ts = now();
    const res = await request(server)
      .post(`/api/hooks/${id}?wait=60000`)
      .set('Content-Type', 'application/json')
      .set('x-autonomic-timestamp', String(ts))
      .set('x-autonomic-signature', sign(secret, ts, '{}'))
      .send('{}');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query.wait');
    expect(runs.calls).toEqual([]);
  });
});

describe('documented recipe', () => {
  it('when the example from the secret answer is run in a shell (openssl + curl) then the delivery is accepted', async () => {
    const { created } = await webhookWorkflow();
    const { stdout } = await promisify(execFile)('bash', ['-c', created.example], { timeout: 10_000 });
    expect(JSON.parse(stdout)).toEqual({ runId: 'run-1', deduplicated: false });
    expect(runs.calls.map((c) => c.event)).toEqual([{ alert: 'test', severity: 'low' }]);
  });
});
