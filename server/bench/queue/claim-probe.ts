/**
 * What one claim of our queue costs at the current backlog, independent of machine load:
 * the real claim statement (src/store/runs-queue.ts `claimRuns`) run under
 * `EXPLAIN (ANALYZE, BUFFERS)` in a transaction that is rolled back, so nothing is leased.
 * The claim orders every runnable run by `coalesce(wake_at, created_at)`, which no index
 * serves: its cost grows with the backlog (this shows by how much).
 */
import pg from 'pg';
import { z } from 'zod';
import type { Sql } from '../../src/store/runs-sql';
import { claimRuns } from '../../src/store/runs-queue';

const Plan = z.array(
  z.object({
    'Execution Time': z.number(),
    Plan: z.object({ 'Shared Hit Blocks': z.number(), 'Shared Read Blocks': z.number() }),
  }),
);

export interface ClaimCost {
  backlog: number;
  /** Execution time of one claim of 50 (ms). */
  ms: number;
  /** Shared buffers (8 kB pages) it touched. */
  pages: number;
}

export async function probeClaim(url: string, backlog: number): Promise<ClaimCost> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let plan: unknown;
  const explaining: Sql = {
    statements: 0,
    async query<T extends object>(text: string, params: readonly unknown[]): Promise<T[]> {
      const r = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, [...params]);
      plan = r.rows[0]?.['QUERY PLAN'];
      return [];
    },
  };
  try {
    await client.query('BEGIN');
    await claimRuns(explaining, 'claim-probe', 50, Date.now(), 10_000);
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
  const [top] = Plan.parse(plan);
  if (!top) throw new Error('EXPLAIN gave no plan');
  return { backlog, ms: top['Execution Time'], pages: top.Plan['Shared Hit Blocks'] + top.Plan['Shared Read Blocks'] };
}
