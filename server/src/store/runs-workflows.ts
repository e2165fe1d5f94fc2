/**
 * What starting a run needs to know about a workflow, in one query: its published
 * version (with the document, unless the process has it parsed already), kill switch
 * and blast-radius limit.
 */
import { isUuid } from './runs-ids';
import type { Sql } from './runs-sql';

export interface StartableWorkflow {
  id: string;
  slug: string;
  killSwitch: boolean;
  maxDestructivePerRun: number | null;
  publishedVersionId: string | null;
  /** Null when the caller has this version's document cached (or nothing is published). */
  document: unknown;
}

const SELECT = `SELECT w.id::text AS id, w.slug, w.kill_switch AS "killSwitch",
    w.max_destructive_per_run AS "maxDestructivePerRun", w.published_version_id::text AS "publishedVersionId",
    CASE WHEN w.published_version_id = ANY($2::uuid[]) THEN NULL ELSE v.document END AS document
  FROM workflows w LEFT JOIN workflow_versions v ON v.id = w.published_version_id`;

/** By id or slug (a value that is not a UUID is a slug). */
export async function findStartableWorkflow(
  sql: Sql,
  ref: string,
  cachedVersionIds: readonly string[],
): Promise<StartableWorkflow | undefined> {
  const where = isUuid(ref) ? 'w.id = $1::uuid' : 'w.slug = $1::text';
  const [row] = await sql.query<StartableWorkflow>(`${SELECT} WHERE ${where}`, [ref, cachedVersionIds]);
  return row;
}
