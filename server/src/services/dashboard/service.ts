/**
 * The managers' dashboard: every aggregate reads the rollups that PostgreSQL keeps as runs
 * end (plus the runs still active and the partial hours at the range's edges) for the live
 * runs of the caller's scope (managers and admins: every workflow; others: the workflows
 * they own or review). SLO definitions are set by managers and admins.
 */
import type { AppContext } from '../../context';
import type { Actor, CsvQuery, FailingQuery, RangeQuery } from '@autonomic/api';
import { NotFoundError } from '../../errors';
import { csvRuns } from '../../store/dashboard-csv';
import { foldRollups } from '../../store/dashboard-fold';
import { durationsByWorkflow, runsByStatusOverTime } from '../../store/dashboard-runs';
import { timeSaved, timeToContain } from '../../store/dashboard-outcomes';
import { approvalStats } from '../../store/dashboard-approvals';
import { listScopeWorkflows, ownedOrReviewedWorkflowIds } from '../../store/dashboard-scope';
import type { RunScope } from '../../store/dashboard-sql';
import { automationCounts, topFailingSteps } from '../../store/dashboard-steps';
import { automationLevel } from './automation';
import { resolveRange, type Range } from './query';
import { createSloService } from './slos';

/** Folds the rollups at most this often, in the background of a dashboard read. */
const FOLD_EVERY_MS = 5_000;

const rate = (good: number, bad: number): number | null => (good + bad === 0 ? null : good / (good + bad));
const rangeView = (r: Range) => ({ from: r.from.toISOString(), to: r.to.toISOString(), bucket: r.bucket });

export function createDashboardService(ctx: AppContext) {
  const db = ctx.prisma;

  /** null: every workflow. */
  async function scopeIds(actor: Actor): Promise<string[] | null> {
    if (actor.role === 'manager' || actor.role === 'admin') return null;
    return ownedOrReviewedWorkflowIds(db, actor.userId);
  }

  let lastFold = -Infinity;
  /** Not awaited: a read is right before the fold as after it (it sums folded and fresh rows alike). */
  function foldSoon(): void {
    const now = performance.now();
    if (now - lastFold < FOLD_EVERY_MS) return;
    lastFold = now;
    foldRollups(db).catch((err: unknown) => ctx.log.warn({ err }, 'dashboard rollups: fold failed'));
  }

  async function scopeOf(actor: Actor, q: RangeQuery): Promise<{ scope: RunScope; range: Range }> {
    foldSoon();
    const range = resolveRange(q, ctx.clock.now());
    const ids = await scopeIds(actor);
    if (q.workflowId && ids && !ids.includes(q.workflowId)) {
      throw new NotFoundError(`workflow ${q.workflowId} on your dashboard`);
    }
    const workflowIds = q.workflowId ? [q.workflowId] : ids;
    return { scope: { from: range.from, to: range.to, workflowIds }, range };
  }

  const slos = createSloService(ctx, scopeIds);

  return {
    slos,

    async workflows(actor: Actor) {
      return { workflows: await listScopeWorkflows(db, await scopeIds(actor)) };
    },

    async runs(actor: Actor, q: RangeQuery) {
      const { scope, range } = await scopeOf(actor, q);
      const buckets = await runsByStatusOverTime(db, scope, range.bucket);
      const totals = buckets.reduce(
        (t, b) => ({
          succeeded: t.succeeded + b.succeeded,
          failed: t.failed + b.failed,
          cancelled: t.cancelled + b.cancelled,
          active: t.active + b.active,
        }),
        { succeeded: 0, failed: 0, cancelled: 0, active: 0 },
      );
      const runs = totals.succeeded + totals.failed + totals.cancelled + totals.active;
      return {
        range: rangeView(range),
        totals: { runs, ...totals, successRate: rate(totals.succeeded, totals.failed) },
        buckets: buckets.map((b) => ({ ...b, successRate: rate(b.succeeded, b.failed) })),
      };
    },

    async durations(actor: Actor, q: RangeQuery) {
      const { scope, range } = await scopeOf(actor, q);
      const rows = await durationsByWorkflow(db, scope);
      return {
        range: rangeView(range),
        workflows: rows.map((r) => ({ ...r, successRate: rate(r.succeeded, r.failed) })),
      };
    },

    async timeToContain(actor: Actor, q: RangeQuery) {
      const { scope, range } = await scopeOf(actor, q);
      return { range: rangeView(range), ...(await timeToContain(db, scope)) };
    },

    async timeSaved(actor: Actor, q: RangeQuery) {
      const { scope, range } = await scopeOf(actor, q);
      return { range: rangeView(range), ...(await timeSaved(db, scope, range.bucket)) };
    },

    async approvals(actor: Actor, q: RangeQuery) {
      const { scope, range } = await scopeOf(actor, q);
      return { range: rangeView(range), ...(await approvalStats(db, scope)) };
    },

    async failingSteps(actor: Actor, q: FailingQuery) {
      const { scope, range } = await scopeOf(actor, q);
      return { range: rangeView(range), steps: await topFailingSteps(db, scope, q.limit) };
    },

    async automation(actor: Actor, q: RangeQuery) {
      const { scope, range } = await scopeOf(actor, q);
      const rows = await automationCounts(db, scope);
      return { range: rangeView(range), workflows: rows.map((r) => ({ ...r, level: automationLevel(r) })) };
    },

    /**
     * The runs behind a chart as CSV: the scope is checked now (errors before the first
     * byte); PostgreSQL writes the file (COPY), streamed as the caller reads it.
     */
    async csv(actor: Actor, q: CsvQuery): Promise<{ filename: string; chunks: AsyncGenerator<Uint8Array> }> {
      const { scope, range } = await scopeOf(actor, q);
      const filter = {
        chart: q.chart,
        ...(q.status ? { status: q.status } : {}),
        ...(q.stepId ? { stepId: q.stepId } : {}),
      };
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const stream = await csvRuns(db, scope, filter);
      async function* chunks(): AsyncGenerator<Uint8Array> {
        try {
          for await (const chunk of stream) if (chunk instanceof Uint8Array) yield chunk;
        } finally {
          stream.destroy();
        }
      }
      return { filename: `runs-${q.chart}-${day(range.from)}-${day(range.to)}.csv`, chunks: chunks() };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
