import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext, createUser } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, post, publishedWorkflow, RecordingEffects, runtime, step, workflow } from './support';

let db: TestDatabase;
let rt: ReturnType<typeof runtime>;
const effects = new RecordingEffects();
beforeAll(async () => {
  db = await createTestDatabase();
  rt = runtime(testContext(db.prisma), db.url, effects);
  await rt.executor.start();
});
afterAll(async () => {
  await rt.executor.stop();
  await db.drop();
});

/** start → notify (POST) → ask (approval by `approver`) ─approved→ contain (POST) */
const askDoc = (approver: string) =>
  workflow('notify', {
    notify: post('https://chat.example/hook', { out: 'ask' }),
    ask: step(
      'approval',
      { approvers: { users: [approver] }, message: 'Contain {{ event.host }}?', timeout: '1h' },
      { approved: 'contain' },
    ),
    contain: post('https://edr.example/contain'),
  });

const pendingTask = (runId: string) =>
  eventually(() =>
    db.prisma.approvalTask.findFirst({ where: { runId, status: 'pending' } }).then((t) => t ?? undefined),
  );

describe('executor: live runs through the API', () => {
  it('when an approver approves through the API then the run continues, ends, and the trace shows every step in order', async () => {
    const lead = await createUser(db.prisma, 'reviewer');
    const other = await createUser(db.prisma, 'analyst');
    const wf = await publishedWorkflow(db.prisma, askDoc(lead.username));

    const { runId } = await rt.starter.startLive({
      workflowId: wf.workflowId,
      event: { host: 'ws-1' },
      trigger: 'webhook',
    });
    const task = await pendingTask(runId);

    const mine = await request(rt.app).get('/api/approvals?status=pending').set('Authorization', lead.auth);
    expect(mine.body.tasks.map((t: { taskId: string }) => t.taskId)).toContain(task.taskId);
    expect(mine.body.tasks[0]).toMatchObject({ message: 'Contain ws-1?', you: { canDecide: true, breakGlass: false } });
    const theirs = await request(rt.app).get('/api/approvals').set('Authorization', other.auth);
    expect(theirs.body.tasks).toEqual([]);
    const refused = await request(rt.app)
      .post(`/api/approvals/${encodeURIComponent(task.taskId)}/decision`)
      .set('Authorization', other.auth)
      .send({ decision: 'approved' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_an_approver');

    const decided = await request(rt.app)
      .post(`/api/approvals/${task.id}/decision`)
      .set('Authorization', lead.auth)
      .send({ decision: 'approved', comment: 'go' });
    expect(decided.status).toBe(200);
    expect(await rt.starter.waitForRun(runId, 5_000)).toMatchObject({ status: 'succeeded' });

    const again = await request(rt.app)
      .post(`/api/approvals/${task.id}/decision`)
      .set('Authorization', lead.auth)
      .send({ decision: 'rejected' });
    expect(again.status).toBe(409);
    const detail = await request(rt.app).get(`/api/runs/${runId}`).set('Authorization', other.auth);
    expect(detail.body.steps.map((s: { stepKey: string }) => s.stepKey)).toEqual(['notify', 'ask', 'contain']);
    expect(detail.body.approvals[0]).toMatchObject({
      status: 'approved',
      decisions: [{ username: lead.username, comment: 'go' }],
    });
    expect(effects.keys().filter((k) => k.startsWith(runId))).toEqual([`${runId}:notify:1`, `${runId}:contain:1`]);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'approval.decided', targetId: task.taskId },
    });
    expect(audit.details).toMatchObject({ decision: 'approved', breakGlass: false, level: 0 });
  });

  it('when a run is cancelled then its open task closes, it ends cancelled, and only its starter or a reviewer may do it', async () => {
    const starterUser = await createUser(db.prisma, 'analyst');
    const stranger = await createUser(db.prisma, 'analyst');
    const reviewer = await createUser(db.prisma, 'reviewer');
    const wf = await publishedWorkflow(db.prisma, askDoc('nobody'));
    const started = await request(rt.app)
      .post(`/api/workflows/${wf.slug}/runs`)
      .set('Authorization', starterUser.auth)
      .send({ event: { host: 'ws-2' } });
    expect(started.status).toBe(202);
    const { runId } = started.body;
    await pendingTask(runId);

    const forbidden = await request(rt.app)
      .post(`/api/runs/${runId}/cancel`)
      .set('Authorization', stranger.auth)
      .send({});
    expect(forbidden.status).toBe(403);
    const cancelled = await request(rt.app)
      .post(`/api/runs/${runId}/cancel`)
      .set('Authorization', reviewer.auth)
      .send({ reason: 'false positive' });

    expect(cancelled.body).toEqual({ id: runId, status: 'cancelled' });
    expect(await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: 'cancelled' });
    expect(await db.prisma.approvalTask.findFirstOrThrow({ where: { runId } })).toMatchObject({ status: 'cancelled' });
    expect(await db.prisma.auditEvent.count({ where: { action: 'run.cancelled', targetId: runId } })).toBe(1);
    const twice = await request(rt.app).post(`/api/runs/${runId}/cancel`).set('Authorization', reviewer.auth).send({});
    expect(twice.status).toBe(409);
  });
});
