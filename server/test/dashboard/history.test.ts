/**
 * The demo history seeded at first start: consistent rows (time order, approvals before
 * destructive steps, retries after their failed attempt), the things a dashboard shows
 * (escalations, break glass, failures with messages, a burning SLO), and only once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDashboardService } from '../../src/services/dashboard';
import { TEST_SCRYPT } from '../../src/services/auth';
import { seedDemoCredentials } from '../../src/seed/credentials';
import { seedDemoHistory } from '../../src/seed/history';
import { seedExamplePlaybooks } from '../../src/seed/playbooks';
import { seedDemoUsers } from '../../src/seed/users';
import { ApprovalSpec, ApprovalVote } from '../../src/store/approvals';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testContext } from '../support/app';

let db: TestDatabase;
let seeded: Awaited<ReturnType<typeof seedDemoHistory>>;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const clock = { now: () => NOW, sleep: async () => undefined };

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = { ...testContext(db.prisma, { SEED_HISTORY: true }), clock };
  await seedDemoUsers(ctx, { scrypt: TEST_SCRYPT });
  const users = await db.prisma.user.findMany();
  const id = (name: string) => users.find((u) => u.username === name)?.id ?? '';
  await seedDemoCredentials(ctx, { adminId: id('admin') });
  await seedExamplePlaybooks(ctx, { authorId: id('alice'), reviewerIds: [id('bob'), id('carol')], publish: true });
  seeded = await seedDemoHistory(ctx);
}, 60_000);
afterAll(() => db.drop());

const count = async (sql: string) => Number((await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(sql))[0]?.n);

describe('demo history', () => {
  it('when seeded then a few thousand live runs with step runs and approvals exist, all ended', async () => {
    expect(seeded).toMatchObject({ runs: 3_012 });
    expect(seeded?.steps).toBeGreaterThan(15_000);
    expect(seeded?.approvals).toBeGreaterThan(300);
    expect(
      await count(`SELECT count(*) AS n FROM runs WHERE mode = 'live' AND status NOT IN ('succeeded', 'failed')`),
    ).toBe(0);
    const span = await db.prisma.run.aggregate({
      where: { mode: 'live' },
      _min: { createdAt: true },
      _max: { finishedAt: true },
    });
    expect(NOW - (span._min.createdAt?.getTime() ?? 0)).toBeLessThanOrEqual(30 * 86_400_000);
    expect(span._max.finishedAt?.getTime()).toBeLessThan(NOW);
  });

  it('when rows are compared then times are ordered: event ≤ created ≤ started ≤ steps ≤ finished', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM runs WHERE mode = 'live' AND NOT (
        event_timestamp <= created_at AND created_at <= started_at AND started_at <= finished_at)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM step_runs s JOIN runs r ON r.id = s.run_id WHERE r.mode = 'live' AND NOT (
        r.started_at <= s.started_at AND s.started_at <= s.finished_at AND s.finished_at <= r.finished_at)`),
    ).toBe(0);
  });

  it('when a run waited for an approval then its destructive steps start after the decision, and only if approved', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM step_runs s JOIN approval_tasks a ON a.run_id = s.run_id
        WHERE s.effect_class = 'destructive' AND (s.started_at < a.decided_at OR a.status <> 'approved')`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM approval_tasks WHERE escalation_level > 0`)).toBeGreaterThan(50);
    expect(await count(`SELECT count(*) AS n FROM approval_tasks WHERE status = 'timed_out'`)).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM approval_tasks WHERE decisions @> '[{"breakGlass": true}]'`),
    ).toBeGreaterThan(20);
  });

  it("when step rows are compared with the published playbooks then each has its step's node type and effect", async () => {
    // The trigger is not a step row; every other row names a step of the version it ran.
    const mismatched = `SELECT count(*) AS n FROM step_runs s JOIN runs r ON r.id = s.run_id
      JOIN workflow_versions v ON v.id = r.version_id
      WHERE r.mode = 'live' AND v.document->'steps'->s.step_id->>'type' IS DISTINCT FROM s.node_type`;
    expect(await count(mismatched)).toBe(0);
    const wrongEffect = `SELECT count(*) AS n FROM step_runs s JOIN runs r ON r.id = s.run_id
      JOIN workflow_versions v ON v.id = r.version_id
      WHERE r.mode = 'live' AND s.node_type = 'connector'
        AND v.document->'steps'->s.step_id->'params'->>'effect' IS DISTINCT FROM s.effect_class::text`;
    expect(await count(wrongEffect)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM step_runs WHERE node_type = 'connector'`)).toBeGreaterThan(5_000);
  });

  it('when approval rows are read as the approvals API reads them then every task and vote parses', async () => {
    const tasks = await db.prisma.approvalTask.findMany();

    for (const t of tasks) {
      ApprovalSpec.parse(t.approvers);
      z.array(ApprovalVote).parse(t.decisions);
    }
    expect(tasks.length).toBe(seeded?.approvals);
  });

  it('when a step was retried then attempt n follows a failed attempt n−1 of the same step', async () => {
    expect(await count(`SELECT count(*) AS n FROM step_runs WHERE attempt = 2`)).toBeGreaterThan(100);
    expect(
      await count(`SELECT count(*) AS n FROM step_runs s WHERE s.attempt > 1 AND NOT EXISTS (
        SELECT 1 FROM step_runs p WHERE p.run_id = s.run_id AND p.step_key = s.step_key AND p.attempt = s.attempt - 1
          AND p.status = 'failed' AND p.finished_at <= s.started_at)`),
    ).toBe(0);
  });

  it('when a run failed then it says why, and failed attempts carry real-looking messages', async () => {
    expect(await count(`SELECT count(*) AS n FROM runs WHERE status = 'failed'`)).toBeGreaterThan(20);
    expect(
      await count(`SELECT count(*) AS n FROM runs WHERE status = 'failed'
        AND coalesce(error->>'message', state->>'message') IS NULL`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM step_runs WHERE status = 'failed' AND error->>'message' IS NULL`),
    ).toBe(0);
  });

  it('when the dashboard reads it then baselines are set, every automation level but manual shows, and the containment SLO burns', async () => {
    const ctx = { ...testContext(db.prisma), clock };
    const dashboard = createDashboardService(ctx);
    const manager = { userId: 'x', username: 'm', role: 'manager' as const, via: 'token' as const };

    const [automation, slos, saved] = await Promise.all([
      dashboard.automation(manager, { from: new Date(NOW - 30 * 86_400_000).toISOString() }),
      dashboard.slos.list(manager),
      dashboard.timeSaved(manager, {}),
    ]);

    expect(Object.fromEntries(automation.workflows.map((w) => [w.slug, w.level]))).toEqual({
      // The newest example has no demo history yet: no run, no level.
      'compromised-account-containment': null,
      'phishing-triage': 'automatic',
      'endpoint-alert-enrichment': 'autonomous',
      'malicious-ip-containment': 'approval_gated',
    });
    expect(Object.fromEntries(slos.slos.map((s) => [s.slug, s.state]))).toEqual({
      'compromised-account-containment': 'no_data',
      'phishing-triage': 'ok',
      'endpoint-alert-enrichment': 'ok',
      'malicious-ip-containment': 'burning',
    });
    expect(saved.total.runsWithoutBaseline).toBe(0);
    expect(saved.total.savedSeconds).toBeGreaterThan(0);
  });

  it('when the server starts again, or SEED_HISTORY is off, then nothing more is seeded', async () => {
    const again = await seedDemoHistory({ ...testContext(db.prisma, { SEED_HISTORY: true }), clock });
    const off = await seedDemoHistory({ ...testContext(db.prisma, { SEED_HISTORY: false }), clock });

    expect(again).toBeNull();
    expect(off).toBeNull();
    expect(await db.prisma.run.count({ where: { mode: 'live' } })).toBe(3_012);
  });
});
