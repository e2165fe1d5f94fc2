/**
 * SQL shared by the dashboard aggregates: which runs count (live runs of the caller's
 * workflows created in the range), time buckets, what "duration" and "human time" mean,
 * and which rollup rows (migration 20261206130400_dashboard_rollups) and raw runs an
 * aggregate reads. Nothing loads runs.
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

/**
 * Which rollup rows and which raw runs an aggregate reads for a range: whole hours inside
 * the range come from the rollups (whole UTC days from the day grain when `days`), the
 * partial hours at its edges and the runs still active from the runs table.
 */
export interface RollupWindow {
  /** First whole hour, and the end of the last one (equal: no whole hour, all raw). */
  fullFrom: Date;
  fullTo: Date;
  /** Whole days inside [fullFrom, fullTo) read at the day grain (equal: none). */
  dayFrom: Date;
  dayTo: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function rollupWindow(scope: Pick<RunScope, 'from' | 'to'>, days: boolean): RollupWindow {
  const from = scope.from.getTime();
  const to = scope.to.getTime();
  let fullFrom = Math.ceil(from / HOUR_MS) * HOUR_MS;
  let fullTo = Math.floor(to / HOUR_MS) * HOUR_MS;
  if (fullFrom >= fullTo) fullFrom = fullTo = to;
  let dayFrom = Math.ceil(fullFrom / DAY_MS) * DAY_MS;
  let dayTo = Math.floor(fullTo / DAY_MS) * DAY_MS;
  if (!days || dayFrom >= dayTo) dayFrom = dayTo = fullTo;
  const d = (ms: number) => new Date(ms);
  return { fullFrom: d(fullFrom), fullTo: d(fullTo), dayFrom: d(dayFrom), dayTo: d(dayTo) };
}

/** The rollup rows (alias `t`) of a window: day grain for whole days, hour grain around them. */
export function rollupFilter(scope: RunScope, w: RollupWindow): Prisma.Sql {
  return Prisma.sql`((t.grain = 1 AND t.at >= ${w.dayFrom}::timestamptz AND t.at < ${w.dayTo}::timestamptz)
    OR (t.grain = 0 AND ((t.at >= ${w.fullFrom}::timestamptz AND t.at < ${w.dayFrom}::timestamptz)
      OR (t.at >= ${w.dayTo}::timestamptz AND t.at < ${w.fullTo}::timestamptz))))
    AND ${workflowFilter(scope, Prisma.sql`t.workflow_id`)}`;
}

/**
 * The ids of the runs read raw (`uuid[]`): those of the range's partial edge hours, the
 * active ones (not in the rollups until they end) and the ended ones not folded in yet
 * (driven from the short pending list, never from the range's runs: OFFSET 0 keeps the
 * planner from flattening the lateral lookup).
 */
export function tailIds(scope: RunScope, w: RollupWindow): Prisma.Sql {
  return Prisma.sql`ARRAY(
    SELECT r.id FROM runs r WHERE ${runFilter(scope)} AND r.created_at < ${w.fullFrom}::timestamptz
    UNION ALL
    SELECT r.id FROM runs r WHERE ${runFilter(scope)} AND r.created_at >= ${w.fullTo}::timestamptz
    UNION ALL
    SELECT r.id FROM runs r WHERE ${runFilter(scope)} AND r.created_at >= ${w.fullFrom}::timestamptz
      AND r.created_at < ${w.fullTo}::timestamptz AND r.status IN ('queued', 'running', 'waiting')
    UNION ALL
    SELECT x.id FROM dashboard_pending_runs p CROSS JOIN LATERAL (SELECT r.id FROM runs r
      WHERE r.id = p.run_id AND ${runFilter(scope)}
        AND r.created_at >= ${w.fullFrom}::timestamptz AND r.created_at < ${w.fullTo}::timestamptz OFFSET 0) x)`;
}

/** `count(*)` and friends come back as bigint. */
export const num = (v: bigint | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
export const maybe = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v);
