/**
 * A simulation checks its event exactly as the live trigger does: the webhook, the manual
 * run and the simulate routes answer one invalid event with the same 400, and a test case
 * whose event no longer fits fails in the version's test run saying why, unrun. One app over one database holds them all.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRoutes } from '../../src/http/routes/runs';
import { simulationRoutes } from '../../src/http/routes/simulations';
import { triggerRoutes } from '../../src/http/routes/triggers';
import { webhookRoutes } from '../../src/http/routes/webhooks';
import type { Executor } from '../../src/executor';
import { createRunService, createRunStarter } from '../../src/services/runs';
import { createSecretsVault } from '../../src/services/secrets';
import { createWebhookSecrets, createWebhookService } from '../../src/services/triggers';
import {
  createSimulationService,
  createTestRunner,
  createTestRunService,
  queueTests,
  testRunView,
  type TestRunner,
} from '../../src/services/workflows';
import { findVersionById } from '../../src/store/versions';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { notify } from '../engine/harness';
import { publishedWorkflow, RecordingEffects, testExecutor, transform, workflow } from '../runs/support';
import { createUser, testApp, testContext } from '../support/app';
import { fakeSafety } from './harness';

let db: TestDatabase;
let executor: Executor;
let server: Server;
let owner: Awaited<ReturnType<typeof createUser>>;
let runner: TestRunner;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  executor = testExecutor(ctx, db.url, new RecordingEffects());
  await executor.start();
  const starter = createRunStarter(ctx, executor);
  const runs = createRunService(ctx, { executor, starter });
  const vault = createSecretsVault(ctx, randomBytes(32));
  const webhooks = createWebhookService(ctx, { runs: starter, cipher: vault.cipher });
  const webhookSecrets = createWebhookSecrets(ctx, { cipher: vault.cipher, webhooks });
  const simulations = createSimulationService(ctx, { safety: fakeSafety() });
  runner = createTestRunner(ctx, { safety: fakeSafety() });
  const { app } = testApp(ctx, [
    webhookRoutes({ webhooks }),
    triggerRoutes({ webhookSecrets }),
    runRoutes({ runs, events: executor.events, heartbeatMs: 100 }),
    simulationRoutes({ simulations, tests: createTestRunService(ctx, runner.signal) }),
  ]);
  server = app.listen(0, '127.0.0.1');
  owner = await createUser(db.prisma, 'analyst');
});
afterAll(async () => {
  server.close();
  await executor.stop();
  await db.drop();
});

/**
 * start (webhook; `ip` required, an IPv4 address) → score (transform) → tell (notify). Cases: one that
 * fits, one from before `ip` was required.
 */
async function guardedWorkflow() {
  const doc = workflow('score', {
    score: transform('event.severity', { out: 'tell' }),
    tell: notify('{{ event.ip }}'),
  });
  doc.trigger.type = 'trigger.webhook';
  doc.trigger.inputSchema = {
    type: 'object',
    required: ['ip'],
    properties: { ip: { type: 'string', format: 'ipv4' }, severity: { type: 'string' } },
  };
  doc.tests = [
    {
      name: 'fits',
      event: { ip: '198.51.100.7', severity: 'high' },
      fixtures: {},
      approvals: {},
      expect: { status: 'succeeded' },
    },
    { name: 'old alert', event: { severity: 'high' }, fixtures: {}, approvals: {}, expect: { status: 'succeeded' } },
  ];
  const wf = await publishedWorkflow(db.prisma, doc, { ownerId: owner.id });
  const res = await request(server)
    .post(`/api/workflows/${wf.workflowId}/webhook-secret`)
    .set('Authorization', owner.auth);
  expect(res.status).toBe(201);
  return { id: wf.workflowId, versionId: wf.versionId, secret: res.body.secret as string };
}

function deliver(workflowId: string, secret: string, event: unknown) {
  const body = JSON.stringify(event);
  const ts = Math.floor(Date.now() / 1000);
  return request(server)
    .post(`/api/hooks/${workflowId}`)
    .set('Content-Type', 'application/json')
    .set('x-autonomic-timestamp', String(ts))
    .set('x-autonomic-signature', `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`)
    .send(body);
}

const simulate = (workflowId: string, body: object) =>
  request(server).post(`/api/workflows/${workflowId}/versions/1/simulate`).set('Authorization', owner.auth).send(body);

const runsOf = (workflowId: string) => db.prisma.run.count({ where: { workflowId } });

describe('the event of a simulation', () => {
  it('when an event lacks the required ip then the simulation is refused with the live routes’ 400 and nothing is stored', async () => {
    const wf = await guardedWorkflow();
    const event = { severity: 'high' };

    const hook = await deliver(wf.id, wf.secret, event);
    const manual = await request(server)
      .post(`/api/workflows/${wf.id}/runs`)
      .set('Authorization', owner.auth)
      .send({ event });
    const sim = await simulate(wf.id, { event });

    expect(hook.status).toBe(400);
    expect(hook.body.error).toMatchObject({
      code: 'invalid_event',
      details: [{ path: 'body.ip', message: 'is required' }],
    });
    // The event sits in `body.event` of the manual and simulate routes: the same answer, field for field.
    expect(manual.status).toBe(400);
    expect(sim.status).toBe(400);
    expect(sim.body.error).toEqual(manual.body.error);
    expect(sim.body.error.code).toBe(hook.body.error.code);
    expect(sim.body.error.message).toBe(hook.body.error.message);
    expect(sim.body.error.details).toEqual(
      hook.body.error.details.map((d: { path: string }) => ({ ...d, path: d.path.replace(/^body\./, 'body.event.') })),
    );
    expect(await runsOf(wf.id)).toBe(0);
  });

  it('when the ip is not an IPv4 address then the simulation names the field and the format, like the webhook', async () => {
    const wf = await guardedWorkflow();
    const event = { ip: 'not-an-ip' };

    const hook = await deliver(wf.id, wf.secret, event);
    const sim = await simulate(wf.id, { event });

    expect(sim.status).toBe(400);
    expect(sim.body.error.details).toEqual([{ path: 'body.event.ip', message: hook.body.error.details[0].message }]);
    expect(sim.body.error.details[0].message).toBe('must be an IPv4 address (e.g. 10.0.0.1)');
    expect(await runsOf(wf.id)).toBe(0);
  });

  it('when a stored case’s event no longer fits then simulating it by name is refused naming the case’s field', async () => {
    const wf = await guardedWorkflow();

    const res = await simulate(wf.id, { case: 'old alert' });

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalid_event',
      details: [{ path: 'tests[1].event.ip', message: 'is required' }],
    });
    expect(await runsOf(wf.id)).toBe(0);
  });

  it('when the version’s cases run then one whose event no longer fits fails saying so, unrun, and the others run', async () => {
    const wf = await guardedWorkflow();
    const version = await findVersionById(db.prisma, wf.versionId);
    if (!version) throw new Error('no version');
    expect(await queueTests(db.prisma, version, owner.id, new Date())).toBe(true);

    expect(await runner.drain()).toBe(1);

    const view = await testRunView(db.prisma, version);
    expect(view.status).toBe('failed');
    const [fits, old] = view.cases;
    // No connector is installed in this app: `tell` answered a made-up null, so the pass carries a warning.
    expect(fits).toMatchObject({ name: 'fits', passed: true, status: 'succeeded', runId: expect.any(String) });
    expect(fits?.warnings).toEqual([expect.stringContaining('tell')]);
    expect(old).toEqual({
      name: 'old alert',
      passed: false,
      firstFailure: "the event does not fit the trigger's input schema: ip is required",
      assertions: [],
      warnings: [],
      path: [],
      effects: [],
      durationMs: 0,
    });
    // Only the case that ran is stored as a simulation run.
    expect(await runsOf(wf.id)).toBe(1);
  });

  it('when the event fits then the simulation runs and is stored', async () => {
    const wf = await guardedWorkflow();

    const res = await simulate(wf.id, { event: { ip: '198.51.100.7', severity: 'low' } });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', path: ['score', 'tell'] });
    expect(await runsOf(wf.id)).toBe(1);
  });
});
