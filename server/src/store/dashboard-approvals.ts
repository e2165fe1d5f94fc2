/**
 * Dashboard aggregate over approval tasks: outcomes, time to decision, escalations, break
 * glass. Read from `dashboard_rollup_approvals` and the decision histograms plus the raw
 * tail (dashboard-sql.ts); the pending count is of now, read from the tasks.
 */
import type { ApprovalCounts, ApprovalStats } from '@autonomic/api';
import { Prisma } from '../generated/prisma/client';
import { histograms, mergeHistograms, percentile, type HistBucket } from './dashboard-hist';
import { num, rollupFilter, rollupWindow, tailIds, workflowFilter, type Db, type RunScope } from './dashboard-sql';

type Counts = Omit<ApprovalCounts, 'medianDecisionSeconds' | 'p95DecisionSeconds'>;
type Row = { [K in keyof Counts]: bigint | number } & {
  workflowId: string | null;
  name: string | null;
  pending: bigint | null;
};

/** One statement for the counts: per workflow and overall (GROUPING SETS), the overall row carrying the pending count now. */
export async function approvalStats(db: Db, scope: RunScope): Promise<ApprovalStats> {
  const w = rollupWindow(scope, true);
  const [rows, hist] = await Promise.all([
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT x.workflow_id::text AS "workflowId", wf.name, coalesce(sum(x.tasks), 0) AS tasks,
        coalesce(sum(x.tasks) FILTER (WHERE x.status = 'approved'), 0) AS approved,
        coalesce(sum(x.tasks) FILTER (WHERE x.status = 'rejected'), 0) AS rejected,
        coalesce(sum(x.tasks) FILTER (WHERE x.status = 'timed_out'), 0) AS "timedOut",
        coalesce(sum(x.tasks) FILTER (WHERE x.status = 'cancelled'), 0) AS cancelled,
        coalesce(sum(x.escalations), 0) AS escalations, coalesce(sum(x.escalated), 0) AS "escalatedTasks",
        coalesce(sum(x.break_glass), 0) AS "breakGlass",
        CASE WHEN GROUPING(x.workflow_id) = 1 THEN (
          SELECT count(*) FROM approval_tasks p JOIN runs pr ON pr.id = p.run_id
          WHERE p.status = 'pending'::approval_status AND pr.mode = 'live'::run_mode
            AND ${workflowFilter(scope, Prisma.sql`pr.workflow_id`)}) END AS pending
      FROM (
        SELECT t.workflow_id, t.status, t.tasks, t.escalations, t.escalated, t.break_glass
        FROM dashboard_rollup_approvals t WHERE ${rollupFilter(scope, w)}
        UNION ALL
        SELECT a.workflow_id, a.status, a.tasks, a.escalations, a.escalated, a.break_glass
        FROM dashboard_approvals_of(${tailIds(scope, w)}) a) x
      JOIN workflows wf ON wf.id = x.workflow_id
      GROUP BY GROUPING SETS ((x.workflow_id, wf.name), ())`),
    histograms(db, scope, w, 'decision'),
  ]);
  const counts = (r: Row, h: HistBucket[]): ApprovalCounts => ({
    tasks: num(r.tasks),
    approved: num(r.approved),
    rejected: num(r.rejected),
    timedOut: num(r.timedOut),
    cancelled: num(r.cancelled),
    medianDecisionSeconds: percentile(h, 0.5),
    p95DecisionSeconds: percentile(h, 0.95),
    escalations: num(r.escalations),
    escalatedTasks: num(r.escalatedTasks),
    breakGlass: num(r.breakGlass),
  });
  // The empty grouping set yields its row even when no task matched.
  const total = rows.find((r) => r.workflowId === null);
  if (!total) throw new Error('approval stats: no total row');
  return {
    ...counts(total, mergeHistograms(hist.values())),
    pending: num(total.pending),
    workflows: rows
      .flatMap((r) =>
        r.workflowId === null
          ? []
          : [{ workflowId: r.workflowId, name: r.name ?? '', ...counts(r, hist.get(r.workflowId) ?? []) }],
      )
      .sort((a, b) => b.tasks - a.tasks),
  };
}
