/**
 * The auto-rollback switch through `PATCH /workflows/:id/settings` (issue 15 §3): on applies
 * at once, off loosens and waits for a reviewer or admin other than the requester (the
 * issue 14 §6 flow), a reviewer may not change it, and the versions list shows the
 * policy's verdict on a version (`VersionSummary.rollback`).
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsChangeRoutes } from '../../src/http/routes/settings-changes';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { createSettingsReviewService, createWorkflowServices } from '../../src/services/workflows';
import { splitSettings } from '../../src/services/workflows/settings-review';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { seedWorkflow } from '../ops/fixtures';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let http: ReturnType<typeof supertest>;
let people: Record<'owner' | 'reviewer' | 'admin', Awaited<ReturnType<typeof createUser>>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  const { app } = testApp(ctx, [
    workflowRoutes(createWorkflowServices(ctx)),
    settingsChangeRoutes({ changes: createSettingsReviewService(ctx), onApproved: () => undefined }),
  ]);
  http = supertest(app);
  people = {
    owner: await createUser(db.prisma, 'analyst'),
    reviewer: await createUser(db.prisma, 'reviewer'),
    admin: await createUser(db.prisma, 'admin'),
  };
});
afterAll(() => db.drop());

async function ownedWorkflow(autoRollback: boolean) {
  const { workflow } = await seedWorkflow(db.prisma, { ownerId: people.owner.id });
  await db.prisma.workflow.update({ where: { id: workflow.id }, data: { autoRollback } });
  return workflow.id;
}

const settings = (id: string, who: { auth: string }, body: object) =>
  http.patch(`/api/workflows/${id}/settings`).set('Authorization', who.auth).send(body);
const inForce = async (id: string) =>
  (await db.prisma.workflow.findUniqueOrThrow({ where: { id }, select: { autoRollback: true } })).autoRollback;

describe('the auto-rollback setting', () => {
  it('when the owner turns auto-rollback off then it stays on until another reviewer approves', async () => {
    const id = await ownedWorkflow(true);

    const asked = await settings(id, people.owner, { autoRollback: false, reason: 'noisy upstream this week' });
    expect(asked.status).toBe(200);
    expect(asked.body.autoRollback).toBe(true);
    expect(await inForce(id)).toBe(true);
    const listed = await http.get(`/api/workflows/${id}/settings-changes`).set('Authorization', people.admin.auth);
    const [change] = listed.body.changes;
    expect(change).toMatchObject({
      status: 'pending',
      changes: { autoRollback: false },
      before: { autoRollback: true },
    });

    const own = await http
      .post(`/api/workflows/${id}/settings-changes/${change.id}/decision`)
      .set('Authorization', people.owner.auth)
      .send({ decision: 'approved' });
    expect(own.status).toBe(403);
    const approved = await http
      .post(`/api/workflows/${id}/settings-changes/${change.id}/decision`)
      .set('Authorization', people.reviewer.auth)
      .send({ decision: 'approved' });
    expect(approved.status).toBe(200);
    expect(await inForce(id)).toBe(false);
  });

  it('when the owner turns auto-rollback on then it applies at once and is audited', async () => {
    const id = await ownedWorkflow(false);

    const res = await settings(id, people.owner, { autoRollback: true });

    expect(res.status).toBe(200);
    expect(res.body.autoRollback).toBe(true);
    expect(await inForce(id)).toBe(true);
    const audit = await db.prisma.auditEvent.findFirst({
      where: { targetId: id, action: 'workflow.settings_changed' },
    });
    expect(audit?.details).toMatchObject({ before: { autoRollback: false }, after: { autoRollback: true } });
  });

  it('when a reviewer who does not own the workflow changes auto-rollback then 403 and nothing moves', async () => {
    const id = await ownedWorkflow(false);

    const res = await settings(id, people.reviewer, { autoRollback: true });

    expect(res.status).toBe(403);
    expect(await inForce(id)).toBe(false);
  });

  it('when auto-rollback is not a boolean then 400 naming body.autoRollback', async () => {
    const id = await ownedWorkflow(true);

    const res = await settings(id, people.owner, { autoRollback: 'no' });

    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('autoRollback');
  });

  it.each([
    [true, false, { now: {}, later: { autoRollback: false } }],
    [false, true, { now: { autoRollback: true }, later: {} }],
    [true, true, { now: { autoRollback: true }, later: {} }],
  ] as const)('when auto-rollback goes from %s to %s then the split is %j', (from, to, split) => {
    const before = { killSwitch: false, maxDestructivePerRun: null, maxDestructivePerHour: null, autoRollback: from };
    expect(splitSettings(before, { autoRollback: to })).toEqual(split);
  });

  it('when the policy rolled a version back then the versions list says so with its numbers', async () => {
    const id = await ownedWorkflow(true);
    const v1 = await db.prisma.workflowVersion.findFirstOrThrow({ where: { workflowId: id } });
    const at = '2026-12-06T10:00:00.000Z';
    const verdict = { outcome: 'rolled_back', at, fromNumber: 1, toNumber: 0, burnRate: 18, runs: 10, failures: 9 };
    await db.prisma.workflowVersion.update({
      where: { id: v1.id },
      data: { rollbackVerdict: { ...verdict, windowMinutes: 60 }, rolledBackAt: new Date(at) },
    });

    const res = await http.get(`/api/workflows/${id}/versions`).set('Authorization', people.reviewer.auth);

    expect(res.status).toBe(200);
    expect(res.body.versions[0].rollback).toEqual({
      outcome: 'rolled_back',
      at,
      toNumber: 0,
      burnRate: 18,
      runs: 10,
      failures: 9,
      windowMinutes: 60,
    });
  });
});
