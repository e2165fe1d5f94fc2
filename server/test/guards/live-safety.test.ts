/**
 * Safety in LIVE runs (issue 10 §6). Protected assets and the blast radius were proven in
 * the engine and in simulation only, and every executor test used an allow-all safety
 * source: the executor could drop the safety port, or a run start could drop the
 * workflow's per-run limit, and no test noticed. Here the real executor runs on the test
 * database with the real safety source (the `safety_entries` table), as the server wires it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context';
import { createSafetySource } from '../../src/services/safety';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { blockIp } from '../engine/harness';
import { createUser, testContext } from '../support/app';
import { eventually, publishedWorkflow, RecordingEffects, runtime, workflow } from '../runs/support';

let db: TestDatabase;
let ctx: AppContext;
let rt: ReturnType<typeof runtime>;
const effects = new RecordingEffects();

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.prisma);
  const admin = await createUser(db.prisma, 'admin');
  await db.prisma.safetyEntry.create({
    data: {
      list: 'protected',
      kind: 'cidr',
      value: '10.20.0.0/16',
      criticality: 'critical',
      reason: 'OT network',
      createdById: admin.id,
    },
  });
  rt = runtime(ctx, db.url, effects, { safety: createSafetySource(ctx) });
  await rt.executor.start();
});
afterAll(async () => {
  await rt.executor.stop();
  await db.drop();
});

/** start → block (gateway block_ip {{ event.ip }}) */
const blockDoc = workflow('block', { block: blockIp('{{ event.ip }}') });

/** start → first (gateway block_ip {{ event.a }}) → second (gateway block_ip {{ event.b }}) */
const twoBlocksDoc = workflow('first', {
  first: blockIp('{{ event.a }}', { out: 'second' }),
  second: blockIp('{{ event.b }}'),
});

const callsOf = (runId: string) => effects.calls.filter((c) => c.runId === runId).map((c) => c.stepKey);
const stepsOf = (runId: string) =>
  db.prisma.stepRun.findMany({
    where: { runId },
    orderBy: { startedAt: 'asc' },
    select: { stepKey: true, status: true, error: true },
  });

async function runLive(workflowId: string, event: Record<string, string>) {
  const { runId } = await rt.starter.startLive({ workflowId, event, trigger: 'webhook' });
  return { runId, summary: await rt.starter.waitForRun(runId, 15_000) };
}

describe('guards, live runs: protected assets', () => {
  it('when a live run would block a protected IP then the step is refused with kind safety and nothing is sent', async () => {
    const wf = await publishedWorkflow(db.prisma, blockDoc);

    const { runId, summary } = await runLive(wf.workflowId, { ip: '10.20.0.7' });

    expect(summary.status).toBe('failed');
    expect(callsOf(runId)).toEqual([]);
    const [block] = await stepsOf(runId);
    expect(block).toMatchObject({ stepKey: 'block', status: 'failed', error: { kind: 'safety', retryable: false } });
    expect((block?.error as { message: string }).message).toContain('OT network');
  });

  it('when a live run blocks an IP that is not protected then the action is sent', async () => {
    const wf = await publishedWorkflow(db.prisma, blockDoc);

    const { runId, summary } = await runLive(wf.workflowId, { ip: '203.0.113.9' });

    expect(summary.status).toBe('succeeded');
    expect(callsOf(runId)).toEqual(['block']);
  });
});

describe("guards, live runs: the workflow's per-run destructive limit", () => {
  async function limitedWorkflow() {
    const wf = await publishedWorkflow(db.prisma, twoBlocksDoc);
    await db.prisma.workflow.update({ where: { id: wf.workflowId }, data: { maxDestructivePerRun: 1 } });
    return wf;
  }

  it('when a run started here reaches its second destructive action and the limit is 1 then the second is refused and not sent', async () => {
    const wf = await limitedWorkflow();

    const { runId, summary } = await runLive(wf.workflowId, { a: '203.0.113.1', b: '203.0.113.2' });

    expect(summary.status).toBe('failed');
    expect(callsOf(runId)).toEqual(['first']);
    const steps = await stepsOf(runId);
    expect(steps.map((s) => [s.stepKey, s.status])).toEqual([
      ['first', 'succeeded'],
      ['second', 'failed'],
    ]);
    expect(steps[1]?.error).toMatchObject({ kind: 'safety', message: expect.stringContaining('blast radius') });
  });

  it('when a run recorded by an API-only process is claimed by another executor then the limit still holds', async () => {
    const wf = await limitedWorkflow();
    // A process without a running executor only records the run; the started one claims it.
    const apiOnly = runtime(ctx, db.url, new RecordingEffects(), { safety: createSafetySource(ctx) });
    try {
      const { runId } = await apiOnly.starter.startLive({
        workflowId: wf.workflowId,
        event: { a: '203.0.113.3', b: '203.0.113.4' },
        trigger: 'webhook',
      });
      const run = await eventually(
        () =>
          db.prisma.run
            .findUnique({ where: { id: runId } })
            .then((r) => (r && ['succeeded', 'failed'].includes(r.status) ? r : undefined)),
        15_000,
      );

      expect(run.status).toBe('failed');
      expect(callsOf(runId)).toEqual(['first']);
    } finally {
      await apiOnly.executor.stop();
    }
  });

  it('when the workflow has no per-run limit then both destructive actions are sent', async () => {
    const wf = await publishedWorkflow(db.prisma, twoBlocksDoc);

    const { runId, summary } = await runLive(wf.workflowId, { a: '203.0.113.5', b: '203.0.113.6' });

    expect(summary.status).toBe('succeeded');
    expect(callsOf(runId)).toEqual(['first', 'second']);
  });
});
