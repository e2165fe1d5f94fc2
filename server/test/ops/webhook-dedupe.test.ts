/**
 * The webhook trigger's `dedupeKey` over the real route, starter and runs table: signed
 * deliveries of the same alert within the trigger's window start one run.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { WorkflowDocument } from '@autonomic/workflow';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerRoutes } from '../../src/http/routes/triggers';
import { webhookRoutes } from '../../src/http/routes/webhooks';
import { createSecretsVault } from '../../src/services/secrets';
import { createWebhookSecrets, createWebhookService } from '../../src/services/triggers';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { publishedWorkflow, RecordingEffects, runtime, transform } from '../runs/support';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let server: Server;
let rt: ReturnType<typeof runtime>;
let owner: Awaited<ReturnType<typeof createUser>>;

const now = () => Math.floor(Date.now() / 1000);
let sequence = 0;

/** A signed delivery of `event` (each one signed anew, so none is a replay). */
function deliver(workflowId: string, secret: string, event: object) {
  const body = JSON.stringify({ ...event, seq: ++sequence });
  const ts = now();
  const signature = `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
  return request(server)
    .post(`/api/hooks/${workflowId}`)
    .set('Content-Type', 'application/json')
    .set('x-autonomic-timestamp', String(ts))
    .set('x-autonomic-signature', signature)
    .send(body);
}

/** A published webhook workflow (alert → note) whose trigger has these params, with its secret. */
async function webhookWorkflow(params: Record<string, string>) {
  const doc = WorkflowDocument.parse({
    formatVersion: 3,
    metadata: { name: 'dedupe' },
    trigger: { id: 'alert', type: 'trigger.webhook', params, transitions: { out: ['note'] } },
    steps: { note: transform('event.alert_id') },
  });
  const { workflowId } = await publishedWorkflow(db.prisma, doc, { ownerId: owner.id });
  const res = await request(server)
    .post(`/api/workflows/${workflowId}/webhook-secret`)
    .set('Authorization', owner.auth);
  expect(res.status).toBe(201);
  return { id: workflowId, secret: res.body.secret as string };
}

const runsOf = (workflowId: string) =>
  db.prisma.run.findMany({
    where: { workflowId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, dedupeKey: true },
  });

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  // The executor is not started: runs stay queued, which is all these tests look at.
  rt = runtime(ctx, db.url, new RecordingEffects());
  const vault = createSecretsVault(ctx, randomBytes(32));
  const webhooks = createWebhookService(ctx, { runs: rt.starter, cipher: vault.cipher });
  const webhookSecrets = createWebhookSecrets(ctx, { cipher: vault.cipher, webhooks });
  server = testApp(ctx, [webhookRoutes({ webhooks }), triggerRoutes({ webhookSecrets })]).app.listen(0, '127.0.0.1');
  owner = await createUser(db.prisma, 'analyst');
});
afterAll(async () => {
  server.close();
  await rt.executor.stop();
  await db.drop();
});

describe("webhook trigger's dedupeKey", () => {
  it('when two deliveries carry the same alert_id within the window then the second answers 200 with the first run and queues nothing', async () => {
    const { id, secret } = await webhookWorkflow({ dedupeKey: '{{ event.alert_id }}', dedupeWindow: '10m' });

    const first = await deliver(id, secret, { alert_id: 'A-1' });
    const repeat = await deliver(id, secret, { alert_id: 'A-1', note: 'the SIEM sent it again' });
    const other = await deliver(id, secret, { alert_id: 'A-2' });

    expect([first.status, repeat.status, other.status]).toEqual([202, 200, 202]);
    expect(first.body).toEqual({ runId: expect.any(String), deduplicated: false });
    expect(repeat.body).toEqual({ runId: first.body.runId, deduplicated: true });
    expect(other.body.runId).not.toBe(first.body.runId);
    const runs = await runsOf(id);
    expect(runs.map((r) => r.id)).toEqual([first.body.runId, other.body.runId]);
    expect(runs[0]?.dedupeKey).toBe(`webhook-dedupe:${id}:A-1`);
  });

  it('when the same alert_id comes back after the window then a new run starts and takes the key over', async () => {
    const { id, secret } = await webhookWorkflow({ dedupeKey: 'alert {{ event.alert_id }}', dedupeWindow: '10m' });
    const first = await deliver(id, secret, { alert_id: 'B-1' });
    // Eleven minutes pass for the first run.
    await db.prisma
      .$executeRaw`UPDATE runs SET created_at = created_at - interval '11 minutes' WHERE id = ${first.body.runId}::uuid`;

    const later = await deliver(id, secret, { alert_id: 'B-1' });
    const again = await deliver(id, secret, { alert_id: 'B-1' });

    expect([first.status, later.status, again.status]).toEqual([202, 202, 200]);
    expect(later.body.runId).not.toBe(first.body.runId);
    expect(again.body).toEqual({ runId: later.body.runId, deduplicated: true });
    const runs = await runsOf(id);
    expect(runs.map((r) => r.dedupeKey)).toEqual([
      `webhook-dedupe:${id}:alert B-1~${first.body.runId}`,
      `webhook-dedupe:${id}:alert B-1`,
    ]);
  });

  it('when no window is set then the key holds for the default hour, and no longer', async () => {
    const { id, secret } = await webhookWorkflow({ dedupeKey: '{{ event.alert_id }}' });
    const first = await deliver(id, secret, { alert_id: 'C-1' });
    const age = (minutes: number) =>
      db.prisma
        .$executeRaw`UPDATE runs SET created_at = created_at - ${minutes} * interval '1 minute' WHERE id = ${first.body.runId}::uuid`;

    await age(59);
    const within = await deliver(id, secret, { alert_id: 'C-1' });
    await age(2);
    const after = await deliver(id, secret, { alert_id: 'C-1' });

    expect(within.status).toBe(200);
    expect(within.body.runId).toBe(first.body.runId);
    expect(after.status).toBe(202);
    expect(after.body.runId).not.toBe(first.body.runId);
  });

  it('when the key renders empty (the event lacks alert_id) then nothing is deduplicated', async () => {
    const { id, secret } = await webhookWorkflow({ dedupeKey: '{{ event.alert_id }}' });

    const a = await deliver(id, secret, { other: 1 });
    const b = await deliver(id, secret, { other: 1 });

    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await runsOf(id)).toHaveLength(2);
  });
});
