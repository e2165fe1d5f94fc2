/**
 * Every aggregate against values worked out by hand from the fixture's table (see
 * fixture.ts), as a manager (all workflows) over 2026-11-20 00:00–12:00 UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@autonomic/api';
import { createDashboardService, type DashboardService } from '../../src/services/dashboard';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testContext } from '../support/app';
import { fixedClock, FROM, seedFixture, TO, type Fixture } from './fixture';

let db: TestDatabase;
let f: Fixture;
let dashboard: DashboardService;
let manager: Actor;
const q = { from: FROM, to: TO };

beforeAll(async () => {
  db = await createTestDatabase();
  f = await seedFixture(db.prisma);
  dashboard = createDashboardService({ ...testContext(db.prisma), clock: fixedClock });
  manager = { userId: f.users.M.id, username: f.users.M.username, role: 'manager', via: 'token' };
});
afterAll(() => db.drop());

describe('dashboard aggregates', () => {
  it('when runs are counted then live runs of the range are bucketed by hour and status, simulations and older runs left out', async () => {
    const r = await dashboard.runs(manager, q);

    expect(r.range).toEqual({ from: '2026-11-20T00:00:00.000Z', to: '2026-11-20T12:00:00.000Z', bucket: 'hour' });
    expect(r.totals).toEqual({ runs: 13, succeeded: 8, failed: 3, cancelled: 1, active: 1, successRate: 8 / 11 });
    expect(r.buckets).toHaveLength(12);
    const byHour = r.buckets.map((b) => [b.succeeded, b.failed, b.cancelled, b.active]);
    expect(byHour).toEqual([
      [0, 0, 0, 0],
      [2, 0, 0, 0],
      [3, 0, 0, 0],
      [1, 1, 0, 0],
      [0, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(r.buckets[3]?.successRate).toBe(0.5);
    expect(r.buckets[0]?.successRate).toBeNull();
  });

  it('when durations are read then p50/p95 per workflow cover succeeded and failed runs only', async () => {
    const r = await dashboard.durations(manager, q);

    const by = Object.fromEntries(r.workflows.map((w) => [w.workflowId, w]));
    // wf1: 120, 300, 600, 1200, 3900 s → p50 600; p95 at rank 3.8 → 1200 + 0.8 × 2700 = 3360.
    expect(by[f.wf.wf1]).toMatchObject({ runs: 6, succeeded: 3, failed: 2, active: 1, p50: 600, successRate: 0.6 });
    expect(by[f.wf.wf1]?.p95).toBeCloseTo(3360, 6);
    // wf2: 30, 60, 60, 120 s (the cancelled run has no duration) → p50 60; p95 at 2.85 → 111.
    expect(by[f.wf.wf2]).toMatchObject({ runs: 5, succeeded: 3, failed: 1, cancelled: 1, p50: 60 });
    expect(by[f.wf.wf2]?.p95).toBeCloseTo(111, 6);
    // wf3: 30, 60 → p50 45, p95 58.5.
    expect(by[f.wf.wf3]).toMatchObject({ runs: 2, p50: 45 });
    expect(by[f.wf.wf3]?.p95).toBeCloseTo(58.5, 6);
    expect(by[f.wf.wf4]).toBeUndefined();
  });

  it('when time to contain is read then it runs from the event timestamp to the first successful destructive step', async () => {
    const r = await dashboard.timeToContain(manager, q);

    // wf1: r1 00:58→01:07 = 540 s, r2 01:59→02:19 = 1200 s (not 02:19:30); r3's blocks failed.
    // wf2: r6 01:29→01:30:40 = 100 s, r7 02:29:30→02:31 = 90 s. The simulation r13 is left out.
    const wf1 = r.workflows.find((w) => w.workflowId === f.wf.wf1);
    const wf2 = r.workflows.find((w) => w.workflowId === f.wf.wf2);
    expect(wf1).toMatchObject({ runs: 2, p50: 870 });
    expect(wf1?.p95).toBeCloseTo(1167, 6);
    expect(wf2).toMatchObject({ runs: 2, p50: 95 });
    expect(wf2?.p95).toBeCloseTo(99.5, 6);
    // All: 90, 100, 540, 1200 → p50 320; p95 at 2.85 → 540 + 0.85 × 660 = 1101.
    expect(r.overall.runs).toBe(4);
    expect(r.overall.p50).toBe(320);
    expect(r.overall.p95).toBeCloseTo(1101, 6);
  });

  it('when time saved is read then each succeeded run gives its baseline minus its approval waits', async () => {
    const r = await dashboard.timeSaved(manager, q);

    // wf1: r1 2400−300, r2 2400−1020, r5 2400−60 (a rejection is human time too) = 5820.
    // wf2: r6, r7, r8: 3 × 1800 = 5400. wf3 has no baseline: its 2 runs are counted apart.
    expect(r.total).toEqual({
      runs: 6,
      savedSeconds: 11_220,
      baselineSeconds: 12_600,
      humanSeconds: 1_380,
      runsWithoutBaseline: 2,
    });
    expect(r.workflows.map((w) => [w.workflowId, w.runs, w.savedSeconds, w.baselineMinutes])).toEqual([
      [f.wf.wf1, 3, 5_820, 40],
      [f.wf.wf2, 3, 5_400, 30],
    ]);
    const saved = r.buckets.map((b) => b.savedSeconds);
    expect(saved).toEqual([0, 3_900, 3_180, 1_800, 0, 2_340, 0, 0, 0, 0, 0, 0]);
  });

  it('when approvals are read then decisions, escalations, break glass and the pending task are counted', async () => {
    const r = await dashboard.approvals(manager, q);

    // Decision times 60, 60, 300, 1020 s (the timeout is no decision) → median 180; p95 at 2.85 → 912.
    expect(r).toMatchObject({
      tasks: 6,
      approved: 3,
      rejected: 1,
      timedOut: 1,
      cancelled: 0,
      pending: 1,
      medianDecisionSeconds: 180,
      escalations: 2,
      escalatedTasks: 2,
      breakGlass: 1,
    });
    expect(r.p95DecisionSeconds).toBeCloseTo(912, 6);
    expect(r.workflows.map((w) => [w.workflowId, w.tasks])).toEqual([[f.wf.wf1, 6]]);
  });

  it('when failing steps are read then failed attempts are grouped per step with their messages', async () => {
    const r = await dashboard.failingSteps(manager, { ...q, limit: 10 });

    expect(r.steps.map((s) => [s.workflowId, s.stepId, s.nodeType, s.failures, s.runs, s.failedRuns])).toEqual([
      [f.wf.wf2, 'lookup', 'http', 3, 2, 1],
      [f.wf.wf1, 'block_ip', 'connector', 2, 1, 1],
    ]);
    expect(r.steps[0]?.messages).toEqual([
      { message: 'VirusTotal answered 503', count: 2 },
      { message: 'VirusTotal answered 429', count: 1 },
    ]);
    expect(r.steps[0]?.lastFailedAt).toEqual(new Date('2026-11-20T06:30:20.000Z'));
  });

  it('when automation levels are read then each workflow is classified from how its runs started and were gated', async () => {
    const r = await dashboard.automation(manager, q);

    const levels = Object.fromEntries(
      r.workflows.map((w) => [w.workflowId, [w.runs, w.manual, w.gated, w.autonomous, w.level]]),
    );
    expect(levels).toEqual({
      [f.wf.wf1]: [6, 1, 6, 0, 'approval_gated'],
      [f.wf.wf2]: [5, 0, 0, 2, 'autonomous'],
      [f.wf.wf3]: [2, 2, 0, 0, 'manual'],
      [f.wf.wf4]: [0, 0, 0, 0, null],
    });
  });

  it('when the range holds no run then every aggregate answers empty rather than failing', async () => {
    const empty = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };

    const [runs, ttc, saved, approvals, failing] = await Promise.all([
      dashboard.runs(manager, empty),
      dashboard.timeToContain(manager, empty),
      dashboard.timeSaved(manager, empty),
      dashboard.approvals(manager, empty),
      dashboard.failingSteps(manager, { ...empty, limit: 10 }),
    ]);

    expect(runs.totals).toMatchObject({ runs: 0, successRate: null });
    expect(runs.buckets).toHaveLength(24);
    expect(ttc.overall).toEqual({ runs: 0, p50: null, p95: null });
    expect(saved.total).toMatchObject({ runs: 0, savedSeconds: 0 });
    expect(approvals).toMatchObject({ tasks: 0, pending: 1, medianDecisionSeconds: null, workflows: [] });
    expect(failing.steps).toEqual([]);
  });
});
