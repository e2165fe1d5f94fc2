/**
 * SQL shared by the dashboard aggregates: which runs count (live runs of the caller's
 * workflows created in the range), time buckets, and what "duration" and "human time"
 * mean. Every aggregate is one statement over indexed columns; nothing loads runs.
 */
import type { Bucket } from '@autonomic/api';
import { Prisma, type PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient | Prisma.TransactionClient;

/** The runs an aggregate counts. */
export interface RunScope {
  /** Runs created at or after this instant… */
  from: Date;
  /** …and before this one. */
  to: Date;
  /** Only these workflows; null: every workflow (managers and admins). */
  workflowIds: readonly string[] | null;
}

/** Buckets are aligned on UTC hours and days (date_bin's origin). */
const ORIGIN = '2000-01-01T00:00:00Z';
const STEP: Record<Bucket, string> = { hour: '1 hour', day: '1 day' };

/** `date_bin` of a timestamp expression into the bucket. */
export function binOf(bucket: Bucket, expr: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`date_bin(${STEP[bucket]}::interval, ${expr}, ${ORIGIN}::timestamptz)`;
}

/** Every bucket start of the range, as a set-returning expression (`… AS g(at)`). */
export function bucketSeries(bucket: Bucket, scope: RunScope): Prisma.Sql {
  return Prisma.sql`generate_series(${binOf(bucket, Prisma.sql`${scope.from}::timestamptz`)},
    ${scope.to}::timestamptz - interval '1 millisecond', ${STEP[bucket]}::interval)`;
}

/** Only the scope's workflows (a workflow-id column expression). */
export function workflowFilter(scope: Pick<RunScope, 'workflowIds'>, column: Prisma.Sql): Prisma.Sql {
  return scope.workflowIds === null ? Prisma.sql`TRUE` : Prisma.sql`${column} = ANY(${[...scope.workflowIds]}::uuid[])`;
}

/** The WHERE clause of the runs an aggregate counts (alias `r`). */
export function runFilter(scope: RunScope): Prisma.Sql {
  return Prisma.sql`r.mode = 'live'::run_mode AND r.created_at >= ${scope.from}::timestamptz
    AND r.created_at < ${scope.to}::timestamptz AND ${workflowFilter(scope, Prisma.sql`r.workflow_id`)}`;
}

/**
 * A run's duration in seconds: from its start (its creation while queued) to its end, for
 * runs that succeeded or failed; null otherwise (a cancelled run's length says nothing).
 */
export const DURATION = Prisma.sql`CASE WHEN r.status IN ('succeeded', 'failed') AND r.finished_at IS NOT NULL
  THEN extract(epoch FROM r.finished_at - coalesce(r.started_at, r.created_at))::float8 END`;

/**
 * Human time inside a run, in seconds: every approval wait, from the task's opening to its
 * decision (or timeout; or the run's end when it never closed). Correlated: for a page of runs.
 */
export const HUMAN_SECONDS = Prisma.sql`coalesce((SELECT sum(extract(epoch FROM
    coalesce(a.decided_at, r.finished_at, a.created_at) - a.created_at))
  FROM approval_tasks a WHERE a.run_id = r.id), 0)::float8`;

/** `count(*)` and friends come back as bigint. */
export const num = (v: bigint | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
export const maybe = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v);
