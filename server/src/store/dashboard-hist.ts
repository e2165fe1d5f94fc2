/**
 * Percentiles from the rollup histograms (`dashboard_rollup_hist`: log-scale buckets, 8 per
 * doubling, each with its count and its smallest and largest value) plus the raw tail. A
 * value inside a bucket is interpolated between the bucket's smallest and largest by rank,
 * so a percentile is exact whenever the ranks it needs fall in buckets of one value (the
 * bucket's sum) or of equal values, and otherwise off by less than a bucket's width (9 %).
 * A taken-back value (a run recounted) may leave a bucket's bounds wider, never outside it.
 */
import { Prisma } from '../generated/prisma/client';
import { num, rollupFilter, tailIds, type Db, type RollupWindow, type RunScope } from './dashboard-sql';

export type Metric = 'duration' | 'contain' | 'decision';

export interface HistBucket {
  bucket: number;
  n: number;
  /** Sum of the values. */
  total: number;
  lo: number;
  hi: number;
}

interface HistRow {
  workflowId: string;
  bucket: number;
  n: bigint;
  total: number;
  lo: number;
  hi: number;
}

/** Per workflow of the scope, the histogram of `metric` over the runs of the range, buckets in order. */
export async function histograms(
  db: Db,
  scope: RunScope,
  w: RollupWindow,
  metric: Metric,
): Promise<Map<string, HistBucket[]>> {
  const rows = await db.$queryRaw<HistRow[]>(Prisma.sql`
    SELECT x.workflow_id::text AS "workflowId", x.bucket, sum(x.n) AS n, sum(x.total) AS total, min(x.lo) AS lo, max(x.hi) AS hi
    FROM (
      SELECT t.workflow_id, t.bucket, t.n, t.total, t.lo, t.hi FROM dashboard_rollup_hist t
      WHERE ${rollupFilter(scope, w)} AND t.metric = ${metric}
      UNION ALL
      SELECT h.workflow_id, dashboard_bucket(h.secs), 1, h.secs, h.secs, h.secs FROM dashboard_hist_of(${tailIds(scope, w)}, ${metric}::text) h
      WHERE h.metric = ${metric} AND h.secs IS NOT NULL) x
    GROUP BY 1, 2 ORDER BY 1, 2`);
  const out = new Map<string, HistBucket[]>();
  for (const r of rows) {
    const list = out.get(r.workflowId) ?? [];
    list.push({ bucket: r.bucket, n: num(r.n), total: r.total, lo: r.lo, hi: r.hi });
    out.set(r.workflowId, list);
  }
  return out;
}

/** Several histograms as one (the overall figure), buckets in order. */
export function mergeHistograms(lists: Iterable<HistBucket[]>): HistBucket[] {
  const by = new Map<number, HistBucket>();
  for (const list of lists)
    for (const b of list) {
      const had = by.get(b.bucket);
      by.set(
        b.bucket,
        had
          ? { ...b, n: had.n + b.n, total: had.total + b.total, lo: Math.min(had.lo, b.lo), hi: Math.max(had.hi, b.hi) }
          : b,
      );
    }
  return [...by.values()].sort((a, b) => a.bucket - b.bucket);
}

export const countOf = (h: readonly HistBucket[]): number => h.reduce((n, b) => n + b.n, 0);

/** The k-th smallest value (0-based), interpolated inside its bucket. */
function valueAt(h: readonly HistBucket[], k: number): number {
  let start = 0;
  for (const b of h) {
    if (k < start + b.n) return b.n === 1 ? b.total : b.lo + ((b.hi - b.lo) * (k - start)) / (b.n - 1);
    start += b.n;
  }
  return h.at(-1)?.hi ?? 0;
}

/** Like PostgreSQL's percentile_cont(p): interpolated between the two nearest ranks; null when empty. */
export function percentile(h: readonly HistBucket[], p: number): number | null {
  const n = countOf(h);
  if (n === 0) return null;
  const pos = p * (n - 1);
  const i = Math.floor(pos);
  const a = valueAt(h, i);
  return pos === i ? a : a + (pos - i) * (valueAt(h, i + 1) - a);
}
