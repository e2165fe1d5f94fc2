import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import { createMetrics } from '../../src/metrics';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testAuthenticator, testContext } from '../support/app';
import { seedWorkflow } from './fixtures';

let db: TestDatabase;
let slug: string;

function appWith(token?: string) {
  const ctx = testContext(db.prisma, token ? { METRICS_TOKEN: token } : {});
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
});
