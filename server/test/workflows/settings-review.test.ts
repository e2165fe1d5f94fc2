import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEffectGuard } from '../../src/adapters';
import type { EffectRequest, EffectsPort } from '../../src/engine';
import { settingsChangeRoutes } from '../../src/http/routes/settings-changes';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { createSettingsReviewService, createWorkflowServices } from '../../src/services/workflows';
import { splitSettings } from '../../src/services/workflows/settings-review';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { seedWorkflow } from '../ops/fixtures';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let http: ReturnType<typeof supertest>;
let guard: ReturnType<typeof createEffectGuard>;
let people: Record<'owner' | 'reviewer' | 'admin' | 'manager', Awaited<ReturnType<typeof createUser>>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  // A long policy cache: only the approval's invalidate() makes the guard read the new limit.
  guard = createEffectGuard(ctx, { policyTtlMs: 3_600_000 });
  const services = createWorkflowServices(ctx);
  const { app } = testApp(ctx, [
    workflowRoutes(services),
    settingsChangeRoutes({ changes: createSettingsReviewService(ctx), onApproved: (id) => guard.invalidate(id) }),
  ]);
  http = supertest(app);
  people = {
    owner: await createUser(db.prisma, 'analyst'),
    reviewer: await createUser(db.prisma, 'reviewer'),
    admin: await createUser(db.prisma, 'admin'),
    manager: await createUser(db.prisma, 'manager'),
  };
});
afterAll(() => db.drop());

const sent: string[] = [];
const inner: EffectsPort = {
  async perform(r) {
    sent.push(r.stepKey);
    return { ok: true, output: {} };
  },
};

/** A destructive effect of a new run through the guard: its refusal message, or 'sent'. */
async function destroy(port: EffectsPort, key: string): Promise<string> {
  const req: EffectRequest = {
    runId: `run-${key}`,
    stepId: 'block',
    stepKey: key,
    nodeType: 'connector',
    effect: 'destructive',
    params: {},
    idempotencyKey: `run-${key}:${key}:1`,
    attempt: 1,
    signal: new AbortController().signal,
  };
  const r = await port.perform(req);
  return r.ok ? 'sent' : r.error.message;
}

async function ownedWorkflow(data: { killSwitch?: boolean; maxDestructivePerHour?: number | null } = {}) {
  const { workflow } = await seedWorkflow(db.prisma, { ownerId: people.owner.id });
  await db.prisma.workflow.update({ where: { id: workflow.id }, data });
  return workflow.id;
}

const settings = (id: string, who: { auth: string }, body: object) =>
  http.patch(`/api/workflows/${id}/settings`).set('Authorization', who.auth).send(body);
const changes = async (id: string, who: { auth: string } = people.reviewer) =>
  (await http.get(`/api/workflows/${id}/settings-changes`).set('Authorization', who.auth)).body.changes;
const decide = (id: string, changeId: string, who: { auth: string }, decision: 'approved' | 'rejected') =>
  http
    .post(`/api/workflows/${id}/settings-changes/${changeId}/decision`)
    .set('Authorization', who.auth)
    .send({ decision, comment: 'checked with the owner' });
const audit = async (id: string) =>
  (await db.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } })).map(
    (a) => a.action,
  );

describe('loosening safety settings is reviewed', () => {
  it('when the owner raises the hourly limit then it is not in force (the guard still refuses over the old limit) until a reviewer approves, then it is', async () => {
    const id = await ownedWorkflow({ maxDestructivePerHour: 1 });
    const port = guard.wrap(id, inner);
    expect(await destroy(port, 'a')).toBe('sent');
    expect(await destroy(port, 'b')).toBe('refused: blast radius: 1 destructive actions in the last hour, limit 1');

    const raised = await settings(id, people.owner, { maxDestructivePerHour: 5, reason: 'campaign week' });
    expect(raised.status).toBe(200);
    expect(raised.body.maxDestructivePerHour).toBe(1);
    const [pending] = await changes(id);
    expect(pending).toMatchObject({
      status: 'pending',
      changes: { maxDestructivePerHour: 5 },
      before: { maxDestructivePerHour: 1 },
      reason: 'campaign week',
      requestedBy: { id: people.owner.id, username: people.owner.username },
      youMayDecide: true,
    });
    expect((await changes(id, people.owner))[0].youMayDecide).toBe(false);
    expect(await destroy(port, 'c')).toBe('refused: blast radius: 1 destructive actions in the last hour, limit 1');

    expect((await decide(id, pending.id, people.owner, 'approved')).status).toBe(403);
    expect((await decide(id, pending.id, people.manager, 'approved')).status).toBe(403);
    const approved = await decide(id, pending.id, people.reviewer, 'approved');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { id: people.reviewer.id } });
    expect((await db.prisma.workflow.findUniqueOrThrow({ where: { id } })).maxDestructivePerHour).toBe(5);
    expect(await destroy(port, 'd')).toBe('sent');

    const again = await decide(id, pending.id, people.admin, 'rejected');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('change_closed');
    expect(await audit(id)).toEqual(['workflow.settings_change_requested', 'workflow.settings_change_approved']);
  });

  it('when a limit is lowered or the kill switch turned on then it applies at once, with no pending change', async () => {
    const id = await ownedWorkflow({ maxDestructivePerHour: 5 });
    const lowered = await settings(id, people.owner, { maxDestructivePerHour: 2, maxDestructivePerRun: 3 });
    expect(lowered.body).toMatchObject({ maxDestructivePerHour: 2, maxDestructivePerRun: 3 });
    const stopped = await settings(id, people.owner, { killSwitch: true });
    expect(stopped.body.killSwitch).toBe(true);
    expect(await changes(id)).toEqual([]);
    expect(await audit(id)).toEqual(['workflow.settings_changed', 'workflow.kill_switch_engaged']);
  });

  it('when the kill switch is released then it stays on until decided; a rejection keeps it on and the requester (even an admin) never decides', async () => {
    const id = await ownedWorkflow({ killSwitch: true, maxDestructivePerHour: 2 });
    const released = await settings(id, people.admin, { killSwitch: false, maxDestructivePerHour: null });
    expect(released.body.killSwitch).toBe(true);
    const [pending] = await changes(id);
    expect(pending.changes).toEqual({ killSwitch: false, maxDestructivePerHour: null });

    const own = await decide(id, pending.id, people.admin, 'approved');
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('own_settings_change');
    const rejected = await decide(id, pending.id, people.reviewer, 'rejected');
    expect(rejected.body.status).toBe('rejected');
    expect((await db.prisma.workflow.findUniqueOrThrow({ where: { id } })).killSwitch).toBe(true);

    // A second request supersedes the first still pending one; approving it releases the switch.
    await settings(id, people.owner, { killSwitch: false });
    await settings(id, people.owner, { killSwitch: false, reason: 'false positive fixed' });
    const [latest, older] = await changes(id);
    expect([latest.status, older.status]).toEqual(['pending', 'superseded']);
    expect((await decide(id, latest.id, people.admin, 'approved')).status).toBe(200);
    expect((await db.prisma.workflow.findUniqueOrThrow({ where: { id } })).killSwitch).toBe(false);
    expect(await audit(id)).toEqual([
      'workflow.settings_change_requested',
      'workflow.settings_change_rejected',
      'workflow.settings_change_requested',
      'workflow.settings_change_requested',
      'workflow.settings_change_approved',
      'workflow.kill_switch_released',
    ]);
  });

  it.each([
    [{ maxDestructivePerRun: 3 }, { maxDestructivePerRun: 4 }, { later: { maxDestructivePerRun: 4 } }],
    [{ maxDestructivePerRun: 3 }, { maxDestructivePerRun: null }, { later: { maxDestructivePerRun: null } }],
    [{ maxDestructivePerRun: null }, { maxDestructivePerRun: 9 }, { now: { maxDestructivePerRun: 9 } }],
    [{ maxDestructivePerRun: 3 }, { maxDestructivePerRun: 3 }, { now: { maxDestructivePerRun: 3 } }],
    [{ killSwitch: false }, { killSwitch: false }, { now: { killSwitch: false } }],
    [{ killSwitch: true }, { killSwitch: false }, { later: { killSwitch: false } }],
  ])('when %j changes to %j then it splits as %j', (before, change, expected) => {
    const row = { killSwitch: false, maxDestructivePerRun: null, maxDestructivePerHour: null, ...before };
    expect(splitSettings(row, change)).toEqual({ now: {}, later: {}, ...expected });
  });
});
