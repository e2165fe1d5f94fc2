import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine';
import { createUser, testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, publishedWorkflow, RecordingEffects, runtime, step, transform, workflow } from './support';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const ESCALATE_MS = 600;

describe('approvals: escalation and break glass', () => {
  it('when the first process stops then the escalation still fires on time in the second, and only then may break glass decide', async () => {
    // Time is the virtual clock's: the escalation is due only when the test moves it, so a
    // slow machine (a process stop and start taking longer than the escalation delay) cannot
    // let break glass in early.
    const clock = createVirtualClock({ start: Date.now() });
    const lead = await createUser(db.prisma, 'reviewer');
    const oncall = await createUser(db.prisma, 'manager');
    // start → ask (lead; after 600ms break glass: on-call) ─approved→ done
    const doc = workflow('ask', {
      ask: step(
        'approval',
        {
          approvers: { users: [lead.username] },
          timeout: '1h',
          escalation: [
            { after: `${ESCALATE_MS}ms`, approvers: { users: [oncall.username] }, breakGlass: true, label: 'on-call' },
          ],
        },
        { approved: 'done' },
      ),
      done: transform('"contained"'),
    });
    const wf = await publishedWorkflow(db.prisma, doc);
    const ctx = { ...testContext(db.prisma), clock };
    // Short waits are not slept in process: the run is stored as waiting with its wake time.
    const first = runtime(ctx, db.url, new RecordingEffects(), { limits: { inlineWaitMs: 20 } });
    await first.executor.start();
    const { runId } = await first.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });
    const task = await eventually(() =>
      db.prisma.approvalTask.findFirst({ where: { runId } }).then((t) => t ?? undefined),
    );
    await first.executor.stop();

    const second = runtime(ctx, db.url, new RecordingEffects(), { limits: { inlineWaitMs: 20 } });
    await second.executor.start();
    const early = await request(second.app)
      .post(`/api/approvals/${task.id}/decision`)
      .set('Authorization', oncall.auth)
      .send({ decision: 'approved' });
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('not_yet_escalated');

    // One millisecond short of the escalation: still not break glass's to decide.
    clock.advance(ESCALATE_MS - 1);
    const stillEarly = await request(second.app)
      .post(`/api/approvals/${task.id}/decision`)
      .set('Authorization', oncall.auth)
      .send({ decision: 'approved' });
    expect(stillEarly.body.error?.code).toBe('not_yet_escalated');

    clock.advance(1);
    const escalated = await eventually(() =>
      db.prisma.approvalTask.findFirst({ where: { id: task.id, escalationLevel: 1 } }).then((t) => t ?? undefined),
    );
    expect(escalated.status).toBe('pending');
    const escalation = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'approval.escalated', targetId: task.taskId },
    });
    expect(escalation).toMatchObject({
      actor: 'system:executor',
      details: { level: 1, breakGlass: true, label: 'on-call' },
    });

    const listed = await request(second.app).get('/api/approvals').set('Authorization', oncall.auth);
    expect(listed.body.tasks[0]).toMatchObject({ taskId: task.taskId, you: { canDecide: true, breakGlass: true } });
    const broke = await request(second.app)
      .post(`/api/approvals/${task.id}/decision`)
      .set('Authorization', oncall.auth)
      .send({ decision: 'approved', comment: 'lead unreachable' });
    expect(broke.status).toBe(200);
    expect(await second.starter.waitForRun(runId, 5_000)).toMatchObject({ status: 'succeeded' });
    const decided = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'approval.decided', targetId: task.taskId },
    });
    expect(decided.details).toMatchObject({ breakGlass: true, level: 1, decision: 'approved' });
    await second.executor.stop();
  });
});
