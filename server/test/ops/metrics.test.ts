import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import { createMetrics, metricsWarning } from '../../src/metrics';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testAuthenticator, testContext } from '../support/app';
import { seedWorkflow } from './fixtures';

let db: TestDatabase;
let slug: string;

function appWith(token?: string, host = '127.0.0.1') {
  const ctx = testContext(db.prisma, { HOST: host, ...(token ? { METRICS_TOKEN: token } : {}) });
  const metrics = createMetrics(ctx);
  const { app } = buildApp({
    ctx,
    authenticator: testAuthenticator(db.prisma),
    modules: [],
    before: (a) => a.get('/metrics', metrics.handler),
  });
  return { app, metrics };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const { workflow, version } = await seedWorkflow(db.prisma);
  slug = workflow.slug;
  const run = (status: 'queued' | 'waiting' | 'succeeded' | 'failed', wakeAt?: Date) =>
    db.prisma.run.create({
      data: {
        workflowId: workflow.id,
        versionId: version.id,
        mode: 'live',
        status,
        triggerType: 'webhook',
        input: {},
        wakeAt,
      },
    });
  await run('succeeded');
  await run('succeeded');
  await run('failed');
  await run('queued');
  await run('waiting', new Date(Date.now() - 1_000));
  const waiting = await run('waiting', new Date(Date.now() + 3_600_000));
  await db.prisma.approvalTask.create({
    data: { runId: waiting.id, stepKey: 'approve', taskId: `${waiting.id}:approve`, approvers: {} },
  });
  await db.prisma.run.create({
    data: {
      workflowId: workflow.id,
      versionId: version.id,
      mode: 'simulation',
      status: 'succeeded',
      triggerType: 'manual',
      input: {},
    },
  });
});
afterAll(() => db.drop());

describe('/metrics', () => {
  it('when scraped then it exposes runs by workflow and status, step durations, pending approvals, queue depth and process metrics', async () => {
    const { app, metrics } = appWith();
    metrics.sink.emit({
      type: 'attempt',
      attempt: {
        runId: 'r',
        stepId: 's',
        stepKey: 's',
        nodeType: 'http',
        attempt: 1,
        status: 'succeeded',
        startedAt: 1_000,
        finishedAt: 1_120,
      },
    });
    metrics.sink.emit({
      type: 'attempt',
      attempt: {
        runId: 'r',
        stepId: 'a',
        stepKey: 'a',
        nodeType: 'approval',
        attempt: 1,
        status: 'waiting',
        startedAt: 1_000,
      },
    });
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    expect(text).toContain(`autonomic_runs_total{workflow="${slug}",status="succeeded"} 2`);
    expect(text).toContain(`autonomic_runs_total{workflow="${slug}",status="failed"} 1`);
    expect(text).toContain('# TYPE autonomic_step_duration_seconds histogram');
    expect(text).toContain('autonomic_step_duration_seconds_bucket{le="0.25",node_type="http",status="succeeded"} 1');
    expect(text).toContain('autonomic_step_duration_seconds_bucket{le="0.1",node_type="http",status="succeeded"} 0');
    expect(text).not.toContain('node_type="approval"');
    expect(text).toContain('autonomic_pending_approvals 1');
    expect(text).toContain('autonomic_queue_depth 2');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('when METRICS_TOKEN is set then a scrape without the bearer token is 401 and with it 200', async () => {
    const { app } = appWith('a-long-metrics-token-123');
    expect((await request(app).get('/metrics')).status).toBe(401);
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(401);
    const ok = await request(app).get('/metrics').set('Authorization', 'Bearer a-long-metrics-token-123');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('autonomic_queue_depth');
  });

  it.each(['0.0.0.0', '::', '192.0.2.10'])(
    'when the server listens on %s without METRICS_TOKEN then /metrics answers 401 to everyone and start-up warns once',
    async (host) => {
      const { app } = appWith(undefined, host);
      const res = await request(app).get('/metrics');
      expect(res.status).toBe(401);
      expect(res.text).not.toContain(slug);
      expect(metricsWarning({ HOST: host, METRICS_TOKEN: undefined })).toContain('METRICS_TOKEN');
    },
  );

  it('when the server listens beyond loopback with METRICS_TOKEN then the token opens /metrics and nothing is warned', async () => {
    const { app } = appWith('a-long-metrics-token-123', '0.0.0.0');
    expect((await request(app).get('/metrics')).status).toBe(401);
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer a-long-metrics-token-123')).status).toBe(
      200,
    );
    expect(metricsWarning({ HOST: '0.0.0.0', METRICS_TOKEN: 'a-long-metrics-token-123' })).toBeUndefined();
  });

  it.each(['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost', 'LOCALHOST'])(
    'when the server listens on %s (loopback) without METRICS_TOKEN then /metrics is open to this machine and nothing is warned',
    async (host) => {
      expect((await request(appWith(undefined, host).app).get('/metrics')).status).toBe(200);
      expect(metricsWarning({ HOST: host, METRICS_TOKEN: undefined })).toBeUndefined();
    },
  );
});
