/**
 * Every aggregate read from the rollups equals the same aggregate computed from the raw
 * runs (the queries as they were before the rollups, test/dashboard/raw), on the demo
 * history (3,012 runs over 30 days) plus edge cases: runs still active, a run created on
 * the hour, runs whose steps and approvals were written or closed after they ended (the
 * recount path), a run inserted already ended with its steps in the same transaction, and
 * ranges whose ends fall inside hours, across days, inside one hour, filtered by workflow.
 * Percentiles come from histograms: equal within a bucket's width (9 %).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SCRYPT } from '../../src/services/auth';
import { DEFAULT_SLO } from '../../src/services/dashboard';
import { seedDemoCredentials } from '../../src/seed/credentials';
import { seedDemoHistory } from '../../src/seed/history';
import { seedExamplePlaybooks } from '../../src/seed/playbooks';
import { seedDemoUsers } from '../../src/seed/users';
import { approvalStats } from '../../src/store/dashboard-approvals';
import { foldRollups } from '../../src/store/dashboard-fold';
import { timeSaved, timeToContain } from '../../src/store/dashboard-outcomes';
import { durationsByWorkflow, runsByStatusOverTime } from '../../src/store/dashboard-runs';
import { sloCounts } from '../../src/store/dashboard-slos';
import type { RunScope } from '../../src/store/dashboard-sql';
import { automationCounts, topFailingSteps } from '../../src/store/dashboard-steps';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testContext } from '../support/app';
import * as raw from './raw';
import { addEdgeRuns } from './rollup-edges';

let db: TestDatabase;
let workflows: string[];
const NOW = Date.parse('2026-11-20T12:00:00Z');
const clock = { now: () => NOW, sleep: async () => undefined };
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = { ...testContext(db.prisma, { SEED_HISTORY: true }), clock };
  await seedDemoUsers(ctx, { scrypt: TEST_SCRYPT });
  const users = await db.prisma.user.findMany();
  const id = (name: string) => users.find((u) => u.username === name)?.id ?? '';
  await seedDemoCredentials(ctx, { adminId: id('admin') });
  await seedExamplePlaybooks(ctx, { authorId: id('alice'), reviewerIds: [id('bob'), id('carol')], publish: true });
  await seedDemoHistory(ctx);
  workflows = (await db.prisma.workflow.findMany({ orderBy: { slug: 'asc' } })).map((w) => w.id);
  await foldAll();
  await addEdgeRuns(db.prisma, NOW, foldAll);
}, 120_000);
afterAll(() => db.drop());

async function foldAll(): Promise<void> {
  while ((await foldRollups(db.prisma)) > 0);
}
const count = async (sql: string) => Number((await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(sql))[0]?.n);

const scope = (from: number, to: number, ids: string[] | null = null): RunScope => ({
  from: new Date(from),
  to: new Date(to),
  workflowIds: ids,
});

/** Name → scope (made once the workflows exist): ends inside hours, whole days, one hour, filtered. */
const SCOPES: [string, () => RunScope][] = [
  ['30 days, ends inside hours', () => scope(NOW - 30 * DAY + 17 * MIN + 13_000, NOW - 7 * MIN)],
  ['7 days ending on the hour', () => scope(NOW - 7 * DAY, NOW)],
  ['whole UTC days', () => scope(NOW - 12 * HOUR - 5 * DAY, NOW - 12 * HOUR)],
  ['inside one hour', () => scope(NOW - 2 * HOUR + 5 * MIN, NOW - 2 * HOUR + 50 * MIN)],
  ['across midnight, 90 minutes', () => scope(NOW - 12 * HOUR - 45 * MIN, NOW - 12 * HOUR + 45 * MIN)],
  ['one workflow, 30 days', () => scope(NOW - 30 * DAY, NOW, workflows.slice(0, 1))],
  ['two workflows, 10 days', () => scope(NOW - 10 * DAY - 3 * MIN, NOW, workflows.slice(1, 3))],
  ['no workflow', () => scope(NOW - 30 * DAY, NOW, [])],
];

/** Percentiles within a histogram bucket (9 %), or both null. */
function closePercentile(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 0.09 * Math.abs(b) + 1e-6;
}

/** Replaces percentile fields by a marker after checking them, so the rest compares exactly. */
function checkPercentiles<T>(got: T, want: T, path = ''): unknown {
  if (Array.isArray(got) && Array.isArray(want))
    return got.map((g, i) => checkPercentiles(g, want[i], `${path}[${i}]`));
  if (got && want && typeof got === 'object' && typeof want === 'object' && !(got instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(got)) {
      const w: unknown = Reflect.get(want, k);
      if (/^(p50|p95|medianDecisionSeconds|p95DecisionSeconds)$/.test(k)) {
        const ok = closePercentile(v as number | null, w as number | null);
        out[k] = ok ? 'close' : `far: ${String(v)} vs ${String(w)} at ${path}.${k}`;
      } else if (typeof v === 'number' && !Number.isInteger(v) && typeof w === 'number') {
        out[k] = Math.abs(v - w) <= 1e-6 * Math.max(1, Math.abs(w)) ? w : v;
      } else out[k] = checkPercentiles(v, w, `${path}.${k}`);
    }
    return out;
  }
  return got;
}
const marked = <T>(x: T): unknown => checkPercentiles(x, x);

describe('dashboard rollups equal the raw aggregates', () => {
  it('when the history holds active, late-written and on-the-hour runs then the edge runs are really there', async () => {
    const active = await db.prisma.run.count({
      where: { mode: 'live', status: { in: ['queued', 'running', 'waiting'] } },
    });
    expect(active).toBe(3);
    // The history is in the rollups (counted); three edge runs ended or changed after the last fold.
    expect(await count('SELECT count(*) AS n FROM dashboard_counted_runs')).toBeGreaterThan(3_000);
    expect(await count('SELECT count(*) AS n FROM dashboard_pending_runs')).toBe(3);
    expect(await count('SELECT count(*) AS n FROM dashboard_rollup_hist WHERE n < 0')).toBeGreaterThan(0);
  });

  for (const [name, make] of SCOPES) {
    it(`when the range is "${name}" then every aggregate equals the raw one`, async () => {
      const s = make();
      for (const bucket of ['hour', 'day'] as const) {
        if (bucket === 'hour' && s.to.getTime() - s.from.getTime() > 8 * DAY) continue;
        expect(await runsByStatusOverTime(db.prisma, s, bucket)).toEqual(
          await raw.runsByStatusOverTime(db.prisma, s, bucket),
        );
        expect(
          checkPercentiles(await timeSaved(db.prisma, s, bucket), await raw.timeSaved(db.prisma, s, bucket)),
        ).toEqual(marked(await raw.timeSaved(db.prisma, s, bucket)));
      }
      const pairs: [unknown, unknown][] = [
        [await durationsByWorkflow(db.prisma, s), await raw.durationsByWorkflow(db.prisma, s)],
        [await timeToContain(db.prisma, s), await raw.timeToContain(db.prisma, s)],
        [await automationCounts(db.prisma, s), await raw.automationCounts(db.prisma, s)],
        [await topFailingSteps(db.prisma, s, 10), await raw.topFailingSteps(db.prisma, s, 10)],
      ];
      const approvals = [await approvalStats(db.prisma, s), await raw.approvalStats(db.prisma, s)] as const;
      const byId = (a: { workflowId: string }, b: { workflowId: string }) => a.workflowId.localeCompare(b.workflowId);
      pairs.push([
        { ...approvals[0], workflows: [...approvals[0].workflows].sort(byId) },
        { ...approvals[1], workflows: [...approvals[1].workflows].sort(byId) },
      ]);
      for (const [got, want] of pairs) expect(checkPercentiles(got, want)).toEqual(marked(want));
    });
  }

  it('when SLOs are read at an instant inside an hour then window and burn counts equal the raw ones', async () => {
    for (const now of [NOW, NOW - 37 * MIN, NOW - 3 * DAY - 59 * MIN]) {
      const opts = { workflowIds: null, now: new Date(now), defaults: DEFAULT_SLO, burnHours: [1, 6, 24] };
      expect(await sloCounts(db.prisma, opts)).toEqual(await raw.sloCounts(db.prisma, opts));
    }
  });

  it("when a workflow's SLO latency changes then its good runs are recounted against the new latency", async () => {
    const workflowId = workflows[0] ?? '';
    await db.prisma.workflowSlo.upsert({
      where: { workflowId },
      create: { workflowId, objectivePercent: 90, latencySeconds: 45, windowDays: 30 },
      update: { latencySeconds: 45 },
    });
    const opts = { workflowIds: [workflowId], now: new Date(NOW - 5 * MIN), defaults: DEFAULT_SLO, burnHours: [6] };
    const [got] = await sloCounts(db.prisma, opts);
    expect(got).toEqual((await raw.sloCounts(db.prisma, opts))[0]);
    expect(got?.good).toBeLessThan(got?.total ?? 0);
  });

  it('when the pending runs are folded in then every aggregate reads the same', async () => {
    const s = scope(NOW - 30 * DAY + 17 * MIN, NOW - 7 * MIN);
    const before = [await durationsByWorkflow(db.prisma, s), await topFailingSteps(db.prisma, s, 10)];
    const waiting = () => count('SELECT count(*) AS n FROM dashboard_pending_runs');
    const fresh = () => count('SELECT count(*) AS n FROM dashboard_rollup_runs WHERE NOT folded');
    expect(await waiting()).toBeGreaterThan(0);
    expect(await foldRollups(db.prisma)).toBeGreaterThan(0);
    expect([await waiting(), await fresh()]).toEqual([0, 0]);
    expect([await durationsByWorkflow(db.prisma, s), await topFailingSteps(db.prisma, s, 10)]).toEqual(before);
  });
});
