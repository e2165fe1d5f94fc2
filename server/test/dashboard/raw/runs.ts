/**
 * Before the rollups (issue 18): the aggregate computed from the raw runs, the oracle the
 * rollup-based store is compared with (rollups.test.ts).
 * Dashboard aggregates over the runs table: runs by status over time, durations per workflow. */
import type { Bucket, StatusCounts, WorkflowDurations } from '@autonomic/api';
import { Prisma } from '../../../src/generated/prisma/client';
import {
  binOf,
  bucketSeries,
  DURATION,
  num,
  maybe,
  runFilter,
  type Db,
  type RunScope,
} from '../../../src/store/dashboard-sql';

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
  const rows = await db.$queryRaw<BucketRow[]>(Prisma.sql`
    WITH agg AS (
      SELECT ${binOf(bucket, Prisma.sql`r.created_at`)} AS at,
        count(*) FILTER (WHERE r.status = 'succeeded')::int AS succeeded,
        count(*) FILTER (WHERE r.status = 'failed')::int AS failed,
        count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled,
        count(*) FILTER (WHERE r.status IN ('queued', 'running', 'waiting'))::int AS active
      FROM runs r WHERE ${runFilter(scope)}
      GROUP BY 1)
    SELECT g.at, coalesce(a.succeeded, 0) AS succeeded, coalesce(a.failed, 0) AS failed,
      coalesce(a.cancelled, 0) AS cancelled, coalesce(a.active, 0) AS active
    FROM ${bucketSeries(bucket, scope)} AS g(at) LEFT JOIN agg a ON a.at = g.at
    ORDER BY g.at`);
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

/** Durations in seconds, over runs that succeeded or failed (null without any); the service adds the success rate. */
type Durations = Omit<WorkflowDurations, 'successRate'>;

interface DurationRow extends Omit<Durations, 'runs'> {
  runs: bigint;
}

/** Run counts and p50/p95 durations per workflow, busiest first. */
export async function durationsByWorkflow(db: Db, scope: RunScope): Promise<Durations[]> {
  const rows = await db.$queryRaw<DurationRow[]>(Prisma.sql`
    SELECT r.workflow_id::text AS "workflowId", w.name, w.slug, count(*) AS runs,
      count(*) FILTER (WHERE r.status = 'succeeded')::int AS succeeded,
      count(*) FILTER (WHERE r.status = 'failed')::int AS failed,
      count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE r.status IN ('queued', 'running', 'waiting'))::int AS active,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY d.secs) AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY d.secs) AS p95
    FROM runs r JOIN workflows w ON w.id = r.workflow_id
    CROSS JOIN LATERAL (SELECT ${DURATION} AS secs) d
    WHERE ${runFilter(scope)}
    GROUP BY r.workflow_id, w.name, w.slug
    ORDER BY runs DESC, w.name`);
  return rows.map((r) => ({ ...r, runs: num(r.runs), p50: maybe(r.p50), p95: maybe(r.p95) }));
}
