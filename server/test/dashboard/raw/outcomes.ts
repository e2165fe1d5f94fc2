/**
 * Before the rollups (issue 18): the aggregate computed from the raw runs, the oracle the
 * rollup-based store is compared with (rollups.test.ts).
 *
 * What automation achieved: time to contain (alert to first successful destructive
 * action) and time saved (manual baseline minus the human time inside each run).
 */
import type { Bucket, ContainAggregate, SavedAggregate, SavedTotals } from '@autonomic/api';
import type { z } from 'zod';
import { Prisma } from '../../../src/generated/prisma/client';
import { binOf, bucketSeries, maybe, num, runFilter, type Db, type RunScope } from '../../../src/store/dashboard-sql';

interface ContainRow {
  /** null: all workflows together. */
  workflowId: string | null;
  name: string | null;
  runs: bigint;
  p50: number | null;
  p95: number | null;
}

/**
 * Seconds from the trigger event's own timestamp (the run's creation when the event had
 * none) to the first successful destructive step of each run; p50/p95 per workflow and
 * overall. A clock skew that puts the event after the action counts as 0.
 */
export async function timeToContain(db: Db, scope: RunScope): Promise<Omit<ContainAggregate, 'range'>> {
  const rows = await db.$queryRaw<ContainRow[]>(Prisma.sql`
    WITH c AS (
      SELECT r.workflow_id, greatest(0, extract(epoch FROM min(s.finished_at)
          - coalesce(r.event_timestamp, r.created_at)))::float8 AS secs
      FROM runs r JOIN step_runs s ON s.run_id = r.id
      WHERE ${runFilter(scope)} AND s.effect_class = 'destructive'::effect_class
        AND s.status = 'succeeded'::step_status AND s.started_at >= ${scope.from}::timestamptz
        AND s.finished_at IS NOT NULL
      GROUP BY r.id)
    SELECT c.workflow_id::text AS "workflowId", w.name, count(*) AS runs,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY c.secs) AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY c.secs) AS p95
    FROM c LEFT JOIN workflows w ON w.id = c.workflow_id
    GROUP BY GROUPING SETS ((c.workflow_id, w.name), ())
    ORDER BY c.workflow_id NULLS FIRST`);
  const figures = (r: ContainRow) => ({ runs: num(r.runs), p50: maybe(r.p50), p95: maybe(r.p95) });
  // The empty grouping set yields the overall row, even when no run matched.
  const overall = rows.find((r) => r.workflowId === null);
  return {
    overall: overall ? figures(overall) : { runs: 0, p50: null, p95: null },
    workflows: rows.flatMap((r) =>
      r.workflowId === null ? [] : [{ workflowId: r.workflowId, name: r.name ?? '', ...figures(r) }],
    ),
  };
}

interface SavedRow {
  kind: 'total' | 'bucket' | 'workflow';
  at: Date | null;
  workflowId: string | null;
  name: string | null;
  baselineMinutes: number | null;
  runs: bigint;
  missing: bigint;
  saved: number | null;
  baseline: number | null;
  human: number | null;
}

/**
 * Measured time saved: for each succeeded top-level run of a workflow with a manual
 * baseline, baseline minus human time (approval waits). Not clamped: a run whose approval
 * took longer than the task by hand saved negative time, and the sum says so. Sub-runs
 * are left out (their parent's baseline covers the whole response).
 */
export async function timeSaved(
  db: Db,
  scope: RunScope,
  bucket: Bucket,
): Promise<Omit<z.input<typeof SavedAggregate>, 'range'>> {
  // One pass over the runs (GROUPING SETS: per bucket, per workflow, overall); approval
  // waits summed per run first. A succeeded run's tasks are all closed: decided_at is set.
  const rows = await db.$queryRaw<SavedRow[]>(Prisma.sql`
    WITH h AS (
      SELECT a.run_id, sum(extract(epoch FROM coalesce(a.decided_at, a.created_at) - a.created_at))::float8 AS human
      FROM approval_tasks a WHERE a.created_at >= ${scope.from}::timestamptz GROUP BY a.run_id),
    g AS (
      SELECT GROUPING(x.at) AS no_at, GROUPING(x.workflow_id) AS no_wf, x.at, x.workflow_id,
        count(*) FILTER (WHERE x.baseline IS NOT NULL) AS runs, count(*) FILTER (WHERE x.baseline IS NULL) AS missing,
        sum(x.baseline - x.human) AS saved, sum(x.baseline) AS baseline,
        sum(x.human) FILTER (WHERE x.baseline IS NOT NULL) AS human
      FROM (
        SELECT r.workflow_id, ${binOf(bucket, Prisma.sql`r.created_at`)} AS at,
          w.manual_baseline_minutes * 60.0::float8 AS baseline, coalesce(h.human, 0) AS human
        FROM runs r JOIN workflows w ON w.id = r.workflow_id LEFT JOIN h ON h.run_id = r.id
        WHERE ${runFilter(scope)} AND r.status = 'succeeded'::run_status AND r.parent_run_id IS NULL) x
      GROUP BY GROUPING SETS ((x.at), (x.workflow_id), ()))
    SELECT 'total' AS kind, NULL::timestamptz AS at, NULL AS "workflowId", NULL AS name, NULL::int AS "baselineMinutes",
      g.runs, g.missing, g.saved, g.baseline, g.human
    FROM g WHERE g.no_at = 1 AND g.no_wf = 1
    UNION ALL
    SELECT 'bucket', s.at, NULL, NULL, NULL, coalesce(g.runs, 0), 0, g.saved, g.baseline, g.human
    FROM ${bucketSeries(bucket, scope)} AS s(at) LEFT JOIN g ON g.no_at = 0 AND g.at = s.at
    UNION ALL
    SELECT 'workflow', NULL, g.workflow_id::text, w.name, w.manual_baseline_minutes, g.runs, 0, g.saved, g.baseline, g.human
    FROM g JOIN workflows w ON w.id = g.workflow_id
    WHERE g.no_wf = 0 AND w.manual_baseline_minutes IS NOT NULL`);
  const totals = (r: SavedRow): SavedTotals => ({
    runs: num(r.runs),
    savedSeconds: r.saved ?? 0,
    baselineSeconds: r.baseline ?? 0,
    humanSeconds: r.human ?? 0,
  });
  const total = rows.find((r) => r.kind === 'total');
  return {
    total: total
      ? { ...totals(total), runsWithoutBaseline: num(total.missing) }
      : { runs: 0, savedSeconds: 0, baselineSeconds: 0, humanSeconds: 0, runsWithoutBaseline: 0 },
    buckets: rows
      .filter((r) => r.kind === 'bucket' && r.at)
      .map((r) => ({ at: new Date(r.at ?? 0), ...totals(r) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime()),
    workflows: rows
      .filter((r) => r.kind === 'workflow')
      .map((r) => ({
        workflowId: r.workflowId ?? '',
        name: r.name ?? '',
        baselineMinutes: r.baselineMinutes,
        ...totals(r),
      }))
      .sort((a, b) => b.savedSeconds - a.savedSeconds),
  };
}
