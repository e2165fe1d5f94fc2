import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { publishedWorkflow, RecordingEffects, runtime, transform, workflow } from './support';

let db: TestDatabase;
let rt: ReturnType<typeof runtime>;
beforeAll(async () => {
  db = await createTestDatabase();
  rt = runtime(testContext(db.prisma), db.url, new RecordingEffects());
  await rt.executor.start();
});
afterAll(async () => {
  await rt.executor.stop();
  await db.drop();
});

/** start → a → b → c, with an input schema that needs `src_ip` (an IPv4 address). */
function chain() {
  const doc = workflow('a', {
    a: transform('event.src_ip', { out: 'b' }),
    b: transform('steps.a.output = "10.0.0.1"', { out: 'c' }),
    c: transform('{ "checked": steps.b.output }'),
  });
  doc.trigger.inputSchema = {
    type: 'object',
    required: ['src_ip'],
    properties: { src_ip: { type: 'string', format: 'ipv4' } },
  };
  return doc;
}

const start = (workflowId: string, event: unknown, more: { dedupeKey?: string } = {}) =>
  rt.starter.startLive({ workflowId, event, trigger: 'webhook', ...more });

describe('RunStarter.startLive', () => {
  it('when the workflow has no published version then 409 not_published', async () => {
    const wf = await publishedWorkflow(db.prisma, chain(), { publish: false });
    await expect(start(wf.workflowId, { src_ip: '10.0.0.1' })).rejects.toMatchObject({
      status: 409,
      code: 'not_published',
    });
  });

  it('when the kill switch is on then 423 kill_switch, also for a workflow that started runs before', async () => {
    const wf = await publishedWorkflow(db.prisma, chain());
    await start(wf.workflowId, { src_ip: '10.0.0.1' });
    await db.prisma.workflow.update({ where: { id: wf.workflowId }, data: { killSwitch: true } });

    await expect(start(wf.workflowId, { src_ip: '10.0.0.1' })).rejects.toMatchObject({
      status: 423,
      code: 'kill_switch',
    });
    expect(await db.prisma.run.count({ where: { workflowId: wf.workflowId } })).toBe(1);
  });

  it('when the workflow is unknown then 404', async () => {
    await expect(start('no-such-workflow', {})).rejects.toMatchObject({ status: 404 });
  });

  it('when the event does not match the input schema then 400 invalid_event names the field and no run is written', async () => {
    const wf = await publishedWorkflow(db.prisma, chain());

    const missing = start(wf.workflowId, { host: 'x' });
    await expect(missing).rejects.toMatchObject({
      status: 400,
      code: 'invalid_event',
      details: [{ path: 'body.src_ip' }],
    });
    const malformed = start(wf.workflowId, { src_ip: 'not-an-ip' });
    await expect(malformed).rejects.toMatchObject({
      details: [{ path: 'body.src_ip', message: 'must be an IPv4 address (e.g. 10.0.0.1)' }],
    });
    expect(await db.prisma.run.count({ where: { workflowId: wf.workflowId } })).toBe(0);
  });

  it('when the same dedupe key comes twice then the second start returns the first run', async () => {
    const wf = await publishedWorkflow(db.prisma, chain());

    const one = await start(wf.workflowId, { src_ip: '10.0.0.1' }, { dedupeKey: `alert-${wf.workflowId}` });
    const two = await start(wf.workflowId, { src_ip: '10.0.0.2' }, { dedupeKey: `alert-${wf.workflowId}` });

    expect(two).toEqual({ runId: one.runId, deduplicated: true });
    expect(await db.prisma.run.count({ where: { workflowId: wf.workflowId } })).toBe(1);
  });

  it('when a run starts then it runs the published version to the end and waitForRun returns its output', async () => {
    const wf = await publishedWorkflow(db.prisma, chain());

    const { runId } = await start(wf.workflowId, { src_ip: '10.0.0.1', timestamp: '2026-11-27T10:00:00Z' });
    const done = await rt.starter.waitForRun(runId, 5_000);

    expect(done).toMatchObject({ runId, status: 'succeeded' });
    const row = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(row).toMatchObject({ mode: 'live', versionId: wf.versionId, triggerType: 'webhook', leaseOwner: null });
    expect(row.eventTimestamp?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
  });

  it('when no executor runs in this process then the run is durably queued before startLive returns, and an executor elsewhere runs it', async () => {
    const wf = await publishedWorkflow(db.prisma, chain());
    const apiOnly = runtime(testContext(db.prisma), db.url, new RecordingEffects());

    const { runId } = await apiOnly.starter.startLive({
      workflowId: wf.workflowId,
      event: { src_ip: '10.0.0.1' },
      trigger: 'webhook',
    });
    // The row exists the moment startLive returns. Its status and lease may already have
    // moved on: the executor of the other runtime is told by NOTIFY and can claim it within
    // a millisecond (leased but still queued until its first commit), so neither is asserted.
    const row = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });

    expect(row.mode).toBe('live');
    expect(['queued', 'running', 'succeeded']).toContain(row.status);
    expect(await apiOnly.starter.waitForRun(runId, 5_000)).toMatchObject({ status: 'succeeded' });
    await apiOnly.executor.stop();
  });
});
