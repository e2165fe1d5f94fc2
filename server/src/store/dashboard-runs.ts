/**
 * Dashboard aggregates over runs: runs by status over time, durations per workflow. Read
 * from `dashboard_rollup_runs` (whole hours and days) plus the raw tail (dashboard-sql.ts).
 */
import type { Bucket, StatusCounts, WorkflowDurations } from '@autonomic/api';
import { Prisma } from '../generated/prisma/client';
import { histograms, percentile } from './dashboard-hist';
import {
  binOf,
  bucketSeries,
  num,
  rollupFilter,
  rollupWindow,
  tailIds,
  type Db,
  type RollupWindow,
  type RunScope,
} from './dashboard-sql';

/**
 * Each run's counts (alias `x`: at, workflow_id, status, runs, manual, gated, autonomous,
 * top_level, human): rollup rows of the window, then the raw tail one row per run.
 */
export function runRows(scope: RunScope, w: RollupWindow): Prisma.Sql {
  return Prisma.sql`(
    SELECT t.at, t.workflow_id, t.status, t.runs, t.manual, t.gated, t.autonomous, t.top_level, t.human
    FROM dashboard_rollup_runs t WHERE ${rollupFilter(scope, w)}
    UNION ALL
    SELECT * FROM dashboard_runs_of(${tailIds(scope, w)})) x`;
}

/** A bucket's counts (the service adds the success rate). */
export interface RunsBucket extends StatusCounts {
  at: Date;
}

interface BucketRow {
  at: Date;
  succeeded: number;
  failed: number;
  cancelled: number;
  active: number;
}

/** One row per bucket of the range (empty buckets included), runs by status (live runs, by creation time). */
export async function runsByStatusOverTime(db: Db, scope: RunScope, bucket: Bucket): Promise<RunsBucket[]> {
  const w = rollupWindow(scope, bucket === 'day');
  const rows = await db.$queryRaw<BucketRow[]>(Prisma.sql`
    WITH agg AS (
      SELECT ${binOf(bucket, Prisma.sql`x.at`)} AS at,
        coalesce(sum(x.runs) FILTER (WHERE x.status = 'succeeded'), 0)::int AS succeeded,
        coalesce(sum(x.runs) FILTER (WHERE x.status = 'failed'), 0)::int AS failed,
        coalesce(sum(x.runs) FILTER (WHERE x.status = 'cancelled'), 0)::int AS cancelled,
        coalesce(sum(x.runs) FILTER (WHERE x.status IN ('queued', 'running', 'waiting')), 0)::int AS active
      FROM ${runRows(scope, w)}
      GROUP BY 1)
    SELECT g.at, coalesce(a.succeeded, 0) AS succeeded, coalesce(a.failed, 0) AS failed,
      coalesce(a.cancelled, 0) AS cancelled, coalesce(a.active, 0) AS active
    FROM ${bucketSeries(bucket, scope)} AS g(at) LEFT JOIN agg a ON a.at = g.at
    ORDER BY g.at`);
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

/** Durations in seconds, over runs that succeeded or failed (null without any); the service adds the success rate. */
type Durations = Omit<WorkflowDurations, 'successRate'>;

interface CountRow extends Omit<Durations, 'runs' | 'p50' | 'p95'> {
  runs: bigint;
}

/** Run counts and p50/p95 durations per workflow, busiest first. */
export async function durationsByWorkflow(db: Db, scope: RunScope): Promise<Durations[]> {
  const w = rollupWindow(scope, true);
  const [rows, hist] = await Promise.all([
    db.$queryRaw<CountRow[]>(Prisma.sql`
      SELECT x.workflow_id::text AS "workflowId", wf.name, wf.slug, sum(x.runs) AS runs,
        coalesce(sum(x.runs) FILTER (WHERE x.status = 'succeeded'), 0)::int AS succeeded,
        coalesce(sum(x.runs) FILTER (WHERE x.status = 'failed'), 0)::int AS failed,
        coalesce(sum(x.runs) FILTER (WHERE x.status = 'cancelled'), 0)::int AS cancelled,
        coalesce(sum(x.runs) FILTER (WHERE x.status IN ('queued', 'running', 'waiting')), 0)::int AS active
      FROM ${runRows(scope, w)} JOIN workflows wf ON wf.id = x.workflow_id
      GROUP BY x.workflow_id, wf.name, wf.slug
      ORDER BY runs DESC, wf.name`),
    histograms(db, scope, w, 'duration'),
  ]);
  return rows.map((r) => {
    const h = hist.get(r.workflowId) ?? [];
    return { ...r, runs: num(r.runs), p50: percentile(h, 0.5), p95: percentile(h, 0.95) };
  });
}
