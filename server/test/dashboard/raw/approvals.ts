/**
 * Before the rollups (issue 18): the aggregate computed from the raw runs, the oracle the
 * rollup-based store is compared with (rollups.test.ts).
 * Dashboard aggregate over approval tasks: outcomes, time to decision, escalations, break glass. */
import type { ApprovalCounts, ApprovalStats } from '@autonomic/api';
import { Prisma } from '../../../src/generated/prisma/client';
import { maybe, num, runFilter, workflowFilter, type Db, type RunScope } from '../../../src/store/dashboard-sql';

type Row = { [K in keyof ApprovalCounts]: ApprovalCounts[K] extends number ? bigint | number : number | null } & {
  workflowId: string | null;
  name: string | null;
  pending: bigint | null;
};

const BREAK_GLASS_VOTES = Prisma.sql`jsonb_array_length(jsonb_path_query_array(a.decisions,
  '$[*] ? (@.breakGlass == true)'))`;

/** One statement: per workflow and overall (GROUPING SETS), the overall row carrying the pending count now. */
export async function approvalStats(db: Db, scope: RunScope): Promise<ApprovalStats> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT r.workflow_id::text AS "workflowId", w.name, count(*) AS tasks,
      count(*) FILTER (WHERE a.status = 'approved') AS approved,
      count(*) FILTER (WHERE a.status = 'rejected') AS rejected,
      count(*) FILTER (WHERE a.status = 'timed_out') AS "timedOut",
      count(*) FILTER (WHERE a.status = 'cancelled') AS cancelled,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.created_at)::float8)
        FILTER (WHERE a.status IN ('approved', 'rejected')) AS "medianDecisionSeconds",
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.created_at)::float8)
        FILTER (WHERE a.status IN ('approved', 'rejected')) AS "p95DecisionSeconds",
      coalesce(sum(a.escalation_level), 0) AS escalations,
      count(*) FILTER (WHERE a.escalation_level > 0) AS "escalatedTasks",
      coalesce(sum(${BREAK_GLASS_VOTES}), 0) AS "breakGlass",
      CASE WHEN GROUPING(r.workflow_id) = 1 THEN (
        SELECT count(*) FROM approval_tasks p JOIN runs pr ON pr.id = p.run_id
        WHERE p.status = 'pending'::approval_status AND pr.mode = 'live'::run_mode
          AND ${workflowFilter(scope, Prisma.sql`pr.workflow_id`)}) END AS pending
    FROM approval_tasks a JOIN runs r ON r.id = a.run_id JOIN workflows w ON w.id = r.workflow_id
    WHERE ${runFilter(scope)}
    GROUP BY GROUPING SETS ((r.workflow_id, w.name), ())`);
  const counts = (r: Row): ApprovalCounts => ({
    tasks: num(r.tasks),
    approved: num(r.approved),
    rejected: num(r.rejected),
    timedOut: num(r.timedOut),
    cancelled: num(r.cancelled),
    medianDecisionSeconds: maybe(r.medianDecisionSeconds),
    p95DecisionSeconds: maybe(r.p95DecisionSeconds),
    escalations: num(r.escalations),
    escalatedTasks: num(r.escalatedTasks),
    breakGlass: num(r.breakGlass),
  });
  // The empty grouping set yields its row even when no task matched.
  const total = rows.find((r) => r.workflowId === null);
  if (!total) throw new Error('approval stats: no total row');
  return {
    ...counts(total),
    pending: num(total.pending),
    workflows: rows
      .filter((r) => r.workflowId !== null)
      .map((r) => ({ workflowId: r.workflowId ?? '', name: r.name ?? '', ...counts(r) }))
      .sort((a, b) => b.tasks - a.tasks),
  };
}
