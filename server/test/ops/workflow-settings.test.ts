/**
 * The workflow settings page's server side: a signed test delivery through the webhook
 * intake, the curl recipe for the trigger's own input schema, the trigger and schedule
 * status, and the kill switch's last change.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import supertest from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { settingsChangeRoutes } from '../../src/http/routes/settings-changes';
import { triggerRoutes } from '../../src/http/routes/triggers';
import { webhookRoutes } from '../../src/http/routes/webhooks';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { createSecretsVault } from '../../src/services/secrets';
import { createWebhookSecrets, createWebhookService } from '../../src/services/triggers';
import { createSettingsReviewService, createWorkflowServices } from '../../src/services/workflows';
import { recordTick } from '../../src/store/schedules';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';
import { fakeRunStarter, seedWorkflow, type SeedWorkflowOptions } from './fixtures';

let db: TestDatabase;
let http: ReturnType<typeof supertest>;
let base: string;
let close: () => void;
let runs: ReturnType<typeof fakeRunStarter>;
let people: Record<'owner' | 'other' | 'reviewer' | 'manager' | 'admin', Awaited<ReturnType<typeof createUser>>>;
/** The server's clock: 2026-12-01T10:00:00Z. */
const NOW = Date.parse('2026-12-01T10:00:00Z');

/** An alert schema: an IP (format ipv4) and a severity enum required, a note optional. */
const ALERT_SCHEMA = {
  type: 'object',
  properties: {
    ip: { type: 'string', format: 'ipv4' },
    severity: { type: 'string', enum: ['high', 'low'] },
    note: { type: 'string' },
  },
  required: ['ip', 'severity'],
  additionalProperties: false,
};

beforeAll(async () => {
  db = await createTestDatabase();
  const plain = testContext(db.prisma);
  const ctx = { ...plain, clock: { ...plain.clock, now: () => NOW } };
  runs = fakeRunStarter(undefined, db.prisma);
  const vault = createSecretsVault(ctx, randomBytes(32));
  const webhooks = createWebhookService(ctx, { runs: runs.starter, cipher: vault.cipher });
  const webhookSecrets = createWebhookSecrets(ctx, { cipher: vault.cipher, webhooks });
  const { app } = testApp(ctx, [
    webhookRoutes({ webhooks }),
    triggerRoutes({ webhookSecrets }),
    workflowRoutes(createWorkflowServices(ctx)),
    settingsChangeRoutes({ changes: createSettingsReviewService(ctx) }),
  ]);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  close = () => server.close();
  http = supertest(server);
  people = {
    owner: await createUser(db.prisma, 'analyst'),
    other: await createUser(db.prisma, 'analyst'),
    reviewer: await createUser(db.prisma, 'reviewer'),
    manager: await createUser(db.prisma, 'manager'),
    admin: await createUser(db.prisma, 'admin'),
  };
});
afterAll(async () => {
  close();
  await db.drop();
});
beforeEach(() => {
  runs.calls.length = 0;
});

/** A published workflow of the owner's whose trigger takes ALERT_SCHEMA. */
async function workflow(opts: SeedWorkflowOptions = {}) {
  const { workflow: w } = await seedWorkflow(db.prisma, {
    ownerId: people.owner.id,
    inputSchema: ALERT_SCHEMA,
    ...opts,
  });
  return w.id;
}

async function withSecret() {
  const id = await workflow();
  const res = await http.post(`/api/workflows/${id}/webhook-secret`).set('Authorization', people.owner.auth);
  expect(res.status).toBe(201);
  return { id, issued: res.body as { secret: string; example: string } };
}

const audit = (id: string) => db.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });

describe('send a test event', () => {
  it('when the owner sends a test without an event then an example from the input schema is signed, delivered, its run returned and audited', async () => {
    const { id, issued } = await withSecret();
    const res = await http.post(`/api/workflows/${id}/webhook-test`).set('Authorization', people.owner.auth).send({});

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ runId: 'run-1', deduplicated: false, event: { ip: '203.0.113.7', severity: 'high' } });
    expect(runs.calls).toEqual([
      expect.objectContaining({ workflowId: id, trigger: 'webhook', event: { ip: '203.0.113.7', severity: 'high' } }),
    ]);
    // Through the intake: its signature was claimed like any delivery's.
    expect(await db.prisma.webhookNonce.count({ where: { workflowId: id } })).toBe(1);
    const lines = await audit(id);
    expect(lines.map((a) => a.action)).toEqual(['workflow.webhook_secret_created', 'workflow.webhook_test_sent']);
    expect(lines[1]?.details).toEqual({ runId: 'run-1', deduplicated: false });
    expect(JSON.stringify(res.body) + JSON.stringify(lines)).not.toContain(issued.secret);
  });

  it('when the owner sends an edited event then that event starts the run', async () => {
    const { id } = await withSecret();
    const event = { ip: '198.51.100.9', severity: 'low', note: "it's a test" };
    const res = await http
      .post(`/api/workflows/${id}/webhook-test`)
      .set('Authorization', people.admin.auth)
      .send({ event });
    expect(res.status).toBe(201);
    expect(runs.calls.map((c) => c.event)).toEqual([event]);
  });

  it('when the owner presses Send twice within the same second then both are deliveries of their own (no replay refusal), each starting a run', async () => {
    // The clock stands still: both presses would sign the same timestamp and body.
    const { id } = await withSecret();
    const send = () => http.post(`/api/workflows/${id}/webhook-test`).set('Authorization', people.owner.auth).send({});
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(runs.calls).toHaveLength(2);
    expect(await db.prisma.webhookNonce.count({ where: { workflowId: id } })).toBe(2);
  });

  it('when another analyst, a reviewer or a manager sends a test then 403 and no run starts', async () => {
    const { id } = await withSecret();
    const answers = await Promise.all(
      [people.other, people.reviewer, people.manager].map((p) =>
        http.post(`/api/workflows/${id}/webhook-test`).set('Authorization', p.auth).send({}),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(runs.calls).toEqual([]);
    expect((await audit(id)).map((a) => a.action)).toEqual(['workflow.webhook_secret_created']);
  });

  it('when there is no secret, or the published trigger is not a webhook, then 409 saying so', async () => {
    const bare = await workflow();
    const noSecret = await http
      .post(`/api/workflows/${bare}/webhook-test`)
      .set('Authorization', people.owner.auth)
      .send({});
    expect(noSecret.status).toBe(409);
    expect(noSecret.body.error.message).toContain('generate a webhook secret first');

    const manual = await workflow({ trigger: 'trigger.manual' });
    await http.post(`/api/workflows/${manual}/webhook-secret`).set('Authorization', people.owner.auth).expect(201);
    const notHook = await http
      .post(`/api/workflows/${manual}/webhook-test`)
      .set('Authorization', people.owner.auth)
      .send({});
    expect(notHook.status).toBe(409);
    expect(notHook.body.error.code).toBe('not_webhook');
    expect(runs.calls).toEqual([]);
  });
});

describe('the curl recipe', () => {
  it('when the recipe for a trigger with an input schema is run in bash then its example event is accepted and starts the run', async () => {
    const { id, issued } = await withSecret();
    // The recipe signs with `date +%s`; this server's clock is fixed, so give the shell the same time.
    const recipe = issued.example.replace('ts=$(date +%s)', `ts=${NOW / 1000}`).replace(/http:\/\/[^/]+/, base);
    const { stdout } = await promisify(execFile)('bash', ['-c', recipe], { timeout: 10_000 });

    expect(JSON.parse(stdout)).toEqual({ runId: 'run-1', deduplicated: false });
    expect(runs.calls.map((c) => [c.workflowId, c.event])).toEqual([[id, { ip: '203.0.113.7', severity: 'high' }]]);
  });
});

describe('trigger status', () => {
  it('when the published trigger is a daily schedule then it says so in words with the next tick and the last tick and its run', async () => {
    const id = await workflow({ trigger: 'trigger.schedule', triggerParams: { cron: '0 2 * * *', timezone: 'UTC' } });
    await recordTick(db.prisma, id, new Date('2026-12-01T02:00:00Z'), null);
    const res = await http.get(`/api/workflows/${id}/trigger`).set('Authorization', people.manager.auth);

    expect(res.status).toBe(200);
    expect(res.body.triggerType).toBe('trigger.schedule');
    expect(res.body.schedule).toEqual({
      cron: '0 2 * * *',
      timezone: 'UTC',
      description: 'every day at 02:00',
      nextAt: '2026-12-02T02:00:00.000Z',
      lastTick: { at: '2026-12-01T02:00:00.000Z', runId: null },
    });
  });

  it('when the trigger is a webhook then no schedule, an example event and its input schema (the test event form); when nothing is published then no trigger', async () => {
    const hook = await http
      .get(`/api/workflows/${await workflow()}/trigger`)
      .set('Authorization', people.reviewer.auth);
    expect(hook.body).toEqual({
      triggerType: 'trigger.webhook',
      exampleEvent: { ip: '203.0.113.7', severity: 'high' },
      inputSchema: ALERT_SCHEMA,
      schedule: null,
    });
    const draft = await workflow({ publish: false });
    const none = await http.get(`/api/workflows/${draft}/trigger`).set('Authorization', people.owner.auth);
    expect(none.body).toMatchObject({ triggerType: null, schedule: null });
  });
});

describe('kill switch status', () => {
  it('when the owner turns the kill switch on with a reason then it says on, by whom, when and why', async () => {
    const id = await workflow();
    const before = await http.get(`/api/workflows/${id}/kill-switch`).set('Authorization', people.manager.auth);
    expect(before.body).toEqual({ on: false, lastChange: null });

    await http
      .patch(`/api/workflows/${id}/settings`)
      .set('Authorization', people.owner.auth)
      .send({ killSwitch: true, reason: 'blocking the wrong hosts' })
      .expect(200);
    const after = await http.get(`/api/workflows/${id}/kill-switch`).set('Authorization', people.manager.auth);

    expect(after.body).toEqual({
      on: true,
      lastChange: { on: true, by: people.owner.username, at: expect.any(String), reason: 'blocking the wrong hosts' },
    });
  });
});
