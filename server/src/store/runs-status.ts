/** A run's current summary from its row (for waiters whose run is driven elsewhere). */
import type { RunSummary } from '../engine';
import { isStatus } from './runs-load';
import type { Sql } from './runs-sql';

export async function readRunSummary(sql: Sql, dbId: string): Promise<RunSummary | undefined> {
  const [row] = await sql.query<{
    status: string;
    output: unknown;
    error: RunSummary['error'] | null;
    message: string | null;
  }>(`SELECT status::text AS status, output, error, state->>'message' AS message FROM runs WHERE id = $1::uuid`, [
    dbId,
  ]);
  if (!row || !isStatus(row.status)) return undefined;
  const s: RunSummary = { runId: dbId, status: row.status };
  if (row.output !== null) s.output = row.output;
  if (row.error !== null) s.error = row.error;
  if (row.message !== null) s.message = row.message;
  return s;
}
