/**
 * SLOs: compliance and error budget over each workflow's own rolling window (not the
 * dashboard range), setting and resetting them (managers and admins, audited), the burn
 * warning's arithmetic, and the Prometheus gauges.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from '../../src/http/routes/dashboard';
import { createMetrics } from '../../src/metrics';
import { createDashboardService, evaluateSlo, MIN_BURN_RUNS } from '../../src/services/dashboard';
import type { SloCounts } from '../../src/store/dashboard-slos';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testApp, testContext } from '../support/app';
import { fixedClock, seedFixture, type Fixture } from './fixture';

let db: TestDatabase;
let f: Fixture;
let ctx: ReturnType<typeof testContext>;
let app: ReturnType<typeof testApp>['app'];

beforeAll(async () => {
  db = await createTestDatabase();
  f = await seedFixture(db.prisma);
  ctx = { ...testContext(db.prisma), clock: fixedClock };
  app = testApp(ctx, [dashboardRoutes({ dashboard: createDashboardService(ctx) })]).app;
});
afterAll(() => db.drop());

type Slo = { workflowId: string; [k: string]: unknown };
const slosOf = async (auth: string) => {
  const res = await request(app).get('/api/dashboard/slos').set('authorization', auth).expect(200);
  return Object.fromEntries((res.body.slos as Slo[]).map((s) => [s.workflowId, s]));
};

describe('SLO compliance', () => {
  it('when SLOs are read then each workflow is measured over its own window ending now', async () => {
    const slos = await slosOf(f.users.M.auth);

    // wf1: 80 % within 30 min over 7 days. r1, r2, r5 and r14 (yesterday, outside the range) are
    // good; r3 and r4 failed → 4/6. Budget 0.2, bad share 1/3 → 1 − (1/3)/0.2 = −2/3: exhausted.
    expect(slos[f.wf.wf1]).toMatchObject({
      configured: true,
      objectivePercent: 80,
      runs: 6,
      good: 4,
      state: 'exhausted',
    });
    expect(slos[f.wf.wf1]?.compliance).toBeCloseTo(2 / 3, 9);
    expect(slos[f.wf.wf1]?.budgetRemaining).toBeCloseTo(-2 / 3, 9);
    // No wf1 run finished in the last 6 h; all 6 in 24 h: (1/3)/0.2 = 5/3, under the 3× threshold.
    expect(slos[f.wf.wf1]?.burn).toEqual([
      { hours: 6, runs: 0, rate: null, threshold: 6, firing: false },
      { hours: 24, runs: 6, rate: expect.closeTo(5 / 3, 9), threshold: 3, firing: false },
    ]);
    // wf2 has the defaults (95 % within 5 min, 30 days): 3 of 4 (the cancelled run does not count).
    expect(slos[f.wf.wf2]).toMatchObject({
      configured: false,
      latencySeconds: 300,
      runs: 4,
      good: 3,
      compliance: 0.75,
    });
    expect(slos[f.wf.wf2]?.budgetRemaining).toBeCloseTo(-4, 9);
    // wf3: 2 runs, fewer than the 5 an SLO needs: not enough data, neither ok nor spent.
    expect(slos[f.wf.wf3]).toMatchObject({
      runs: 2,
      good: 2,
      budgetRemaining: 1,
      state: 'not_enough_data',
      minRuns: 5,
    });
    expect(slos[f.wf.wf4]).toMatchObject({ runs: 0, compliance: null, budgetRemaining: 1, state: 'no_data' });
  });

  it('when an analyst reads SLOs then only the workflows of their scope are listed', async () => {
    const slos = await slosOf(f.users.A.auth);

    expect(Object.keys(slos).sort()).toEqual([f.wf.wf1, f.wf.wf2].sort());
  });

  it('when a manager sets an SLO then it is stored, audited and measured at once; reset goes back to the defaults', async () => {
    const put = await request(app)
      .put(`/api/dashboard/slos/${f.wf.wf2}`)
      .set('authorization', f.users.M.auth)
      .send({ objectivePercent: 50, latencySeconds: 100, windowDays: 30 })
      .expect(200);

    // Within 100 s: r6 (60 s) and r8 (30 s); r7 took 120 s, r9 failed → 2/4 = 0.5, budget 0.5 → spent.
    expect(put.body).toMatchObject({ configured: true, runs: 4, good: 2, compliance: 0.5, budgetRemaining: 0 });
    // 4 runs: below the minimum of 5, so not called spent however bad.
    expect(put.body.state).toBe('not_enough_data');
    const reset = await request(app).delete(`/api/dashboard/slos/${f.wf.wf2}`).set('authorization', f.users.M.auth);
    expect(reset.body).toMatchObject({ configured: false, objectivePercent: 95, good: 3 });
    await request(app).delete(`/api/dashboard/slos/${f.wf.wf2}`).set('authorization', f.users.M.auth).expect(200);
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: f.wf.wf2 }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.details])).toEqual([
      ['slo.set', { before: null, after: { objectivePercent: 50, latencySeconds: 100, windowDays: 30 } }],
      [
        'slo.reset',
        { before: { objectivePercent: 50, latencySeconds: 100, windowDays: 30 }, after: expect.any(Object) },
      ],
    ]);
  });

  it('when an analyst, a bad body or an unknown workflow meets the SLO route then it is refused and nothing is stored', async () => {
    const put = (id: string, auth: string, body: object) =>
      request(app).put(`/api/dashboard/slos/${id}`).set('authorization', auth).send(body);
    const ok = { objectivePercent: 99, latencySeconds: 60, windowDays: 7 };

    expect((await put(f.wf.wf1, f.users.A.auth, ok)).status).toBe(403);
    const bad = await put(f.wf.wf1, f.users.M.auth, { ...ok, objectivePercent: 100 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.objectivePercent');
    expect((await put('0190a0b0-0000-7000-8000-000000000000', f.users.M.auth, ok)).status).toBe(404);
    expect(await db.prisma.workflowSlo.count()).toBe(1);
  });
});

describe('SLO burn', () => {
  const counts = (total: number, good: number, recent: SloCounts['recent']): SloCounts => ({
    workflowId: 'w',
    name: 'W',
    slug: 'w',
    configured: true,
    objectivePercent: 95,
    latencySeconds: 60,
    windowDays: 30,
    total,
    good,
    recent,
  });

  it('when the last 6 hours burn the budget 6 times too fast while budget is left then the SLO is burning', () => {
    // 1000 runs, 20 bad: 40 % of the budget spent. Last 6 h: 10 runs, 3 bad → 0.3 / 0.05 = 6.
    const s = evaluateSlo(counts(1000, 980, { 6: { total: 10, good: 7 }, 24: { total: 40, good: 37 } }));

    expect(s.budgetRemaining).toBeCloseTo(0.6, 9);
    expect(s.burn.map((b) => [b.rate === null ? null : Number(b.rate.toFixed(6)), b.firing])).toEqual([
      [6, true],
      [1.5, false],
    ]);
    expect(s.state).toBe('burning');
  });

  it('when the window holds fewer runs than the minimum then the SLO has not enough data, not a spent budget', () => {
    // One failed run: 1 − 1/0.05 = −19 (the −1900 % of issue 16), but one run says nothing yet.
    const one = evaluateSlo(counts(1, 0, { 6: { total: 1, good: 0 }, 24: { total: 1, good: 0 } }));
    const four = evaluateSlo(counts(4, 0, { 6: { total: 4, good: 0 }, 24: { total: 4, good: 0 } }));
    const five = evaluateSlo(counts(5, 0, { 6: { total: 5, good: 0 }, 24: { total: 5, good: 0 } }));

    expect(one).toMatchObject({ state: 'not_enough_data', minRuns: MIN_BURN_RUNS });
    expect(one.budgetRemaining).toBeCloseTo(-19, 9);
    expect(four.state).toBe('not_enough_data');
    expect(five.state).toBe('exhausted');
  });

  it('when a short window has fewer than 5 runs then it has no burn rate, however bad', () => {
    const s = evaluateSlo(counts(1000, 990, { 6: { total: 4, good: 0 }, 24: { total: 30, good: 30 } }));

    expect(s.burn[0]).toMatchObject({ runs: 4, rate: null, firing: false });
    expect(s.state).toBe('ok');
  });
});

describe('SLO gauges', () => {
  it('when /metrics is scraped then compliance, budget and burn gauges carry each workflow', async () => {
    const text = await createMetrics(ctx).registry.metrics();

    expect(text).toMatch(/autonomic_slo_compliance_ratio\{workflow="containment"\} 0\.6666/);
    expect(text).toMatch(/autonomic_slo_error_budget_remaining_ratio\{workflow="containment"\} -0\.6666/);
    expect(text).toMatch(/autonomic_slo_objective_ratio\{workflow="containment"\} 0\.8\n/);
    expect(text).toMatch(/autonomic_slo_burn_rate\{workflow="containment",window="24h"\} 1\.6666/);
    expect(text).not.toMatch(/autonomic_slo_burn_rate\{workflow="containment",window="6h"\}/);
    expect(text).toMatch(/autonomic_slo_error_budget_remaining_ratio\{workflow="draft"\} 1\n/);
  });
});
