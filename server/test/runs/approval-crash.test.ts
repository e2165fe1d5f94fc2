import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine';
import type { Executor } from '../../src/executor';
import { createApprovalService } from '../../src/services/approvals';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testContext } from '../support/app';
import { startWorker } from './crash-support';
import { eventually, publishedWorkflow, RecordingEffects, runtime, step, transform, workflow } from './support';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const CRASH_TIMEOUT = 60_000;

/** A live run waiting on `ask`: start → ask (approval by a lead) ─approved→ done. */
async function waitingRun() {
  const lead = await createUser(db.prisma, 'reviewer');
  const doc = workflow('ask', {
    ask: step('approval', { approvers: { users: [lead.username] }, timeout: '1h' }, { approved: 'done' }),
    done: transform('"contained"'),
  });
  const wf = await publishedWorkflow(db.prisma, doc);
  const rt = runtime(testContext(db.prisma), db.url, new RecordingEffects());
  await rt.executor.start();
  const { runId } = await rt.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });
  const task = await eventually(() =>
    db.prisma.approvalTask.findFirst({ where: { runId, status: 'pending' } }).then((t) => t ?? undefined),
  );
  await rt.executor.stop();
  return { lead, runId, task };
}

/** Runs the crash worker's decision and SIGKILLs it once it prints `mark`. */
async function killedWhileDeciding(args: string[], mark: string): Promise<void> {
  const doomed = startWorker('approval-crash-worker.ts', [db.url, ...args]);
  try {
    await eventually(async () => (doomed.output().includes(mark) ? true : undefined), 40_000).catch(() => {
      throw new Error(`the worker never got to "${mark}":\n${doomed.output()}`);
    });
  } finally {
    doomed.kill();
    await doomed.exited;
  }
}

const auditLines = (taskId: string) =>
  db.prisma.auditEvent.findMany({ where: { action: 'approval.decided', targetId: taskId } });

describe('approvals: a process killed in the middle of a decision', () => {
  it(
    'when the process dies after the engine took the vote then the vote is on the task row and in the audit log',
    async () => {
      const { lead, runId, task } = await waitingRun();

      await killedWhileDeciding([task.taskId, lead.id, lead.username, 'after-engine'], 'decided');

      // The engine had the vote: the run went on to the end in the dead process.
      expect(await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: 'succeeded' });
      const row = await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: task.id } });
      expect(row.status).toBe('approved');
      expect(row.decisions).toEqual([expect.objectContaining({ username: lead.username, decision: 'approved' })]);
      const lines = await auditLines(task.taskId);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.details).toMatchObject({ decision: 'approved', level: 0, comment: 'contain it' });
    },
    CRASH_TIMEOUT,
  );

  it(
    'when the process dies before the engine has the vote then the next start hands the recorded vote to the run: one vote, one audit line',
    async () => {
      const { lead, runId, task } = await waitingRun();

      await killedWhileDeciding([task.taskId, lead.id, lead.username, 'before-engine'], 'deciding');
      // Recorded and audited, but the run never heard of it.
      expect(await auditLines(task.taskId)).toHaveLength(1);
      expect(await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: 'waiting' });

      const ctx = testContext(db.prisma);
      const survivor = runtime(ctx, db.url, new RecordingEffects());
      const approvals = createApprovalService(ctx, survivor.executor, { reconcileAfterMs: 0 });
      await survivor.executor.start();
      try {
        expect(await approvals.reconcile()).toBe(1);
        expect(await survivor.starter.waitForRun(runId, 10_000)).toMatchObject({ status: 'succeeded' });
        // A second pass finds nothing left to hand over.
        expect(await approvals.reconcile()).toBe(0);
      } finally {
        await survivor.executor.stop();
      }

      const row = await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: task.id } });
      expect(row.status).toBe('approved');
      expect(row.decisions).toEqual([expect.objectContaining({ username: lead.username, decision: 'approved' })]);
      expect(await auditLines(task.taskId)).toHaveLength(1);
    },
    CRASH_TIMEOUT,
  );
});

describe('approvals: a vote the run refuses', () => {
  it('when the engine refuses a recorded vote (the run moved on meanwhile) then 409, the vote leaves the row, and both lines are audited', async () => {
    const { lead, task } = await waitingRun();
    const ctx = testContext(db.prisma);
    const rt = runtime(ctx, db.url, new RecordingEffects());
    // The run timed out in the engine a moment before the vote reached it.
    const moved: Executor = {
      ...rt.executor,
      decide: () => Promise.reject(new EngineError('not_found', `no open approval task ${task.taskId}`)),
    };
    const approvals = createApprovalService(ctx, moved);
    const actor = { userId: lead.id, username: lead.username, role: 'reviewer', via: 'session' } as const;

    const refused = approvals.decide(actor, task.taskId, { decision: 'approved' });

    await expect(refused).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    const row = await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ status: 'pending', decisions: [] });
    const lines = await db.prisma.auditEvent.findMany({ where: { targetId: task.taskId } });
    expect(lines.map((l) => l.action).sort()).toEqual(['approval.decided', 'approval.decision_refused']);
    await rt.executor.stop();
  });
});
