/**
 * What automation achieved: time to contain (alert to first successful destructive
 * action) and time saved (manual baseline minus the human time inside each run).
 */
import type { Bucket, ContainAggregate, SavedAggregate, SavedTotals } from '@autonomic/api';
import type { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import { countOf, histograms, mergeHistograms, percentile, type HistBucket } from './dashboard-hist';
import { runRows } from './dashboard-runs';
import { binOf, bucketSeries, num, rollupWindow, type Db, type RunScope } from './dashboard-sql';

/**
 * Seconds from the trigger event's own timestamp (the run's creation when the event had
 * none) to the first successful destructive step of each run; p50/p95 per workflow and
 * overall (from the rollup histograms). A clock skew that puts the event after the action
 * counts as 0.
 */
export async function timeToContain(db: Db, scope: RunScope): Promise<Omit<ContainAggregate, 'range'>> {
  const hist = await histograms(db, scope, rollupWindow(scope, true), 'contain');
  const ids = [...hist.keys()].sort();
  const names = await db.$queryRaw<{ id: string; name: string }[]>(Prisma.sql`
    SELECT w.id::text AS id, w.name FROM workflows w WHERE w.id = ANY(${ids}::uuid[])`);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const figures = (h: HistBucket[]) => ({ runs: countOf(h), p50: percentile(h, 0.5), p95: percentile(h, 0.95) });
  return {
    overall: figures(mergeHistograms(hist.values())),
    workflows: ids.map((id) => ({ workflowId: id, name: nameOf.get(id) ?? '', ...figures(hist.get(id) ?? []) })),
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
  // Succeeded top-level runs and their approval waits (summed per run by the rollup; a
  // succeeded run's tasks are all closed), then GROUPING SETS: per bucket, per workflow, overall.
  const w = rollupWindow(scope, bucket === 'day');
  const rows = await db.$queryRaw<SavedRow[]>(Prisma.sql`
    WITH p AS (
      SELECT ${binOf(bucket, Prisma.sql`x.at`)} AS at, x.workflow_id,
        wf.manual_baseline_minutes * 60.0::float8 AS baseline, sum(x.top_level) AS runs, sum(x.human) AS human
      FROM ${runRows(scope, w)} JOIN workflows wf ON wf.id = x.workflow_id
      WHERE x.status = 'succeeded'::run_status
      GROUP BY 1, 2, 3 HAVING sum(x.top_level) > 0),
    g AS (
      SELECT GROUPING(p.at) AS no_at, GROUPING(p.workflow_id) AS no_wf, p.at, p.workflow_id,
        coalesce(sum(p.runs) FILTER (WHERE p.baseline IS NOT NULL), 0) AS runs,
        coalesce(sum(p.runs) FILTER (WHERE p.baseline IS NULL), 0) AS missing,
        sum(p.baseline * p.runs - p.human) AS saved, sum(p.baseline * p.runs) AS baseline,
        sum(p.human) FILTER (WHERE p.baseline IS NOT NULL) AS human
      FROM p
      GROUP BY GROUPING SETS ((p.at), (p.workflow_id), ()))
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
