/**
 * Recording a re-run of a failed run (issue 16 §1): like a live run's INSERT (runs-create.ts)
 * but of the version the failed run ran, published or not any more (an operator re-runs
 * what failed, not whatever is published now), still refused by the kill switch. The row
 * names the run it repeats and the step it starts from; the steps it reuses go in
 * `state.record.memo`, which the engine reads back on every resume.
 */
import type { RunMemo, RunStatus, StepResult } from '../engine';
import { jsonbText } from './storable';
import { ms, ts, type Sql } from './runs-sql';

export interface NewRerun {
  id: string;
  workflowId: string;
  versionId: string;
  triggerType: string;
  event: unknown;
  createdAt: number;
  eventTimestamp: number | null;
  createdById: string | null;
  leaseOwner: string | null;
  leaseMs: number;
  rerunOfId: string;
  /** The failed step's key; null from the start. */
  fromStep: string | null;
  memo: RunMemo | null;
}

const INSERT = `WITH w AS (
    SELECT id, max_destructive_per_run FROM workflows WHERE id = $2::uuid AND NOT kill_switch
  )
  INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input, state, state_version,
    event_timestamp, created_by_id, created_at, lease_owner, lease_expires_at, rerun_of_id, rerun_from_step)
  SELECT $1::uuid, w.id, $3::uuid, 'live', 'queued', $4::text, $5::jsonb,
    jsonb_build_object('record', jsonb_build_object('id', $1::text, 'depth', 0,
      'maxDestructive', w.max_destructive_per_run)
      || CASE WHEN $13::jsonb IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('memo', $13::jsonb) END),
    0, ${ts('$6')}, $7::uuid, ${ts('$8')},
    $9::text, CASE WHEN $9::text IS NULL THEN NULL ELSE now() + $10::int * interval '1 millisecond' END,
    $11::uuid, $12::text
  FROM w
  RETURNING (state->'record'->>'maxDestructive')::int AS max_destructive`;

/** Inserts the re-run as `queued`; `inserted: false` when the kill switch is on (or the workflow is gone). */
export async function insertRerun(
  sql: Sql,
  r: NewRerun,
): Promise<{ inserted: true; maxDestructive: number | null } | { inserted: false }> {
  const rows = await sql.query<{ max_destructive: number | null }>(
    INSERT,
    [
      r.id,
      r.workflowId,
      r.versionId,
      r.triggerType,
      jsonbText(r.event ?? null),
      r.eventTimestamp,
      r.createdById,
      r.createdAt,
      r.leaseOwner,
      r.leaseMs,
      r.rerunOfId,
      r.fromStep,
      r.memo === null ? null : jsonbText(r.memo),
    ],
    'runs_rerun',
  );
  const [row] = rows;
  return row ? { inserted: true, maxDestructive: row.max_destructive } : { inserted: false };
}

/** What a re-run repeats of a run: its version's document, its event and the results of its steps. */
export interface RerunSource {
  versionId: string;
  triggerType: string;
  input: unknown;
  eventTimestamp: number | null;
  /** The run error the engine recorded (its `stepKey` names the failed step). */
  error: { stepKey?: string } | null;
  document: unknown;
  results: StepResult[];
}

export async function findRerunSource(sql: Sql, id: string): Promise<RerunSource | null> {
  const [row] = await sql.query<RerunSource>(
    `SELECT r.version_id::text AS "versionId", r.trigger_type AS "triggerType", r.input,
        ${ms('r.event_timestamp')} AS "eventTimestamp", r.error, v.document,
        coalesce((SELECT jsonb_agg(x.data) FROM run_results x WHERE x.run_id = r.id), '[]'::jsonb) AS results
      FROM runs r JOIN workflow_versions v ON v.id = r.version_id WHERE r.id = $1::uuid`,
    [id],
  );
  return row ?? null;
}

/** The re-runs of a run, oldest first. */
export function findReruns(
  sql: Sql,
  id: string,
): Promise<{ id: string; status: RunStatus; fromStep: string | null; createdAt: number }[]> {
  return sql.query(
    `SELECT id::text AS id, status::text AS status, rerun_from_step AS "fromStep", ${ms('created_at')} AS "createdAt"
      FROM runs WHERE rerun_of_id = $1::uuid ORDER BY created_at, id`,
    [id],
  );
}
