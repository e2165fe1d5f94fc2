/**
 * What changed in one run since a cursor: its status now and the attempt rows written
 * after the cursor, in commit order — one statement, one snapshot. The live run streams
 * (../executor/run-follow.ts) read this whenever a commit of the run is announced.
 *
 * The cursor is the writing transaction of a row (`xmin`, its system column) plus the
 * row's id: every engine commit of a run is one transaction, and commits of one run never
 * overlap (the `state_version` check), so per run a later commit has a later transaction
 * id. Nothing is written for it on the hot path. Transaction ids are 32 bits and wrap, so
 * they are compared as PostgreSQL does: by their distance back from the run row's own
 * `xmin` (written by every commit of the run, so never older than its attempt rows).
 */
import type { AttemptRecord, AttemptStatus, RunError, RunStatus } from '../engine';

type StepError = NonNullable<AttemptRecord['error']>;
import { isStatus } from './runs-load';
import { ms, type Sql } from './runs-sql';

/** Where a reader of a run's changes stands: the last attempt row it has seen. */
export interface ChangeCursor {
  /** The transaction id (`xmin`) that wrote that row. */
  xid: number;
  /** The row's id (ties inside one transaction are ordered by it). */
  row: string;
}

export interface ChangedAttempt {
  cursor: ChangeCursor;
  stepId: string;
  stepKey: string;
  nodeType: string;
  attempt: number;
  status: AttemptStatus;
  startedAt: number;
  finishedAt?: number;
  port?: string;
  error?: StepError;
}

export interface RunChanges {
  status: RunStatus;
  workflowId: string;
  error?: RunError;
  message?: string;
  /** Attempt rows written after the cursor, oldest commit first: each row as it is now. */
  attempts: ChangedAttempt[];
}

const ATTEMPT_STATUSES: ReadonlySet<string> = new Set(['running', 'waiting', 'succeeded', 'failed', 'cancelled']);
const isAttemptStatus = (s: string): s is AttemptStatus => ATTEMPT_STATUSES.has(s);

// back: how many transactions before the run row's last write the attempt row was written.
const READ_CHANGES = `
WITH r AS (
  SELECT id, status::text AS status, workflow_id::text AS workflow_id, error, state->>'message' AS message,
    xmin::text::bigint AS x
  FROM runs WHERE id = $1::uuid
), s AS (
  SELECT st.id::text AS row, st.xmin::text::bigint AS xid,
    (r.x - st.xmin::text::bigint + 4294967296) % 4294967296 AS back,
    st.step_id, st.step_key, st.node_type, st.attempt, st.status::text AS status,
    ${ms('st.started_at')} AS started_at, ${ms('st.finished_at')} AS finished_at, st.port, st.error
  FROM r JOIN step_runs st ON st.run_id = r.id
), c AS (
  SELECT CASE WHEN $2::bigint IS NULL THEN NULL ELSE (r.x - $2::bigint + 4294967296) % 4294967296 END AS back
  FROM r
)
SELECT r.status, r.workflow_id, r.error, r.message,
  coalesce((
    SELECT json_agg(json_build_object('row', s.row, 'xid', s.xid, 'stepId', s.step_id, 'stepKey', s.step_key,
        'nodeType', s.node_type, 'attempt', s.attempt, 'status', s.status, 'startedAt', s.started_at,
        'finishedAt', s.finished_at, 'port', s.port, 'error', s.error) ORDER BY s.back DESC, s.row)
    FROM s, c
    WHERE c.back IS NULL OR s.back < c.back OR (s.back = c.back AND s.row > $3::text)
  ), '[]'::json) AS attempts
FROM r`;

interface Row {
  status: string;
  workflow_id: string;
  error: RunError | null;
  message: string | null;
  attempts: {
    row: string;
    xid: number;
    stepId: string;
    stepKey: string;
    nodeType: string;
    attempt: number;
    status: string;
    startedAt: number;
    finishedAt: number | null;
    port: string | null;
    error: StepError | null;
  }[];
}

/** The run's status and its attempt rows written after `after` (all of them without); undefined when there is no such run. */
export async function readRunChanges(sql: Sql, dbId: string, after?: ChangeCursor): Promise<RunChanges | undefined> {
  const [r] = await sql.query<Row>(READ_CHANGES, [dbId, after?.xid ?? null, after?.row ?? ''], 'run_changes');
  if (!r || !isStatus(r.status)) return undefined;
  const out: RunChanges = { status: r.status, workflowId: r.workflow_id, attempts: [] };
  if (r.error !== null) out.error = r.error;
  if (r.message !== null) out.message = r.message;
  for (const a of r.attempts) {
    const status = a.status;
    if (!isAttemptStatus(status)) continue;
    const c: ChangedAttempt = {
      cursor: { xid: Number(a.xid), row: a.row },
      stepId: a.stepId,
      stepKey: a.stepKey,
      nodeType: a.nodeType,
      attempt: a.attempt,
      status,
      startedAt: a.startedAt,
    };
    if (a.finishedAt !== null) c.finishedAt = a.finishedAt;
    if (a.port !== null) c.port = a.port;
    if (a.error !== null) c.error = a.error;
    out.attempts.push(c);
  }
  return out;
}
