/** NOTIFY for run events, one statement per batch (see executor/broadcast.ts). */
import { NOTIFY_CHANNEL } from './runs-commit';
import type { Sql } from './runs-sql';

export async function notifyRuns(sql: Sql, payload: string): Promise<void> {
  await sql.query(`SELECT pg_notify('${NOTIFY_CHANNEL}', $1::text)`, [payload]);
}
