/**
 * Folds the dashboard rollups (`dashboard_fold()` in migration 20261206130400_dashboard_rollups):
 * the runs that ended since are added, and the appended rows summed into one row per key.
 * Readers get the same answer before and after; folding keeps what they read small. One
 * folder at a time across every process (advisory lock).
 */
import type { Db } from './dashboard-sql';

/** @returns the runs added (up to `maxRuns`), or -1 when another folder was at it */
export async function foldRollups(db: Db, maxRuns = 20_000): Promise<number> {
  const [row] = await db.$queryRaw<{ added: number }[]>`SELECT dashboard_fold(${maxRuns}::int) AS added`;
  return row?.added ?? 0;
}
