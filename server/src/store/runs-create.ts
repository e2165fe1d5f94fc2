/**
 * Recording a live run: ONE statement that inserts the run as `queued` only if the
 * workflow still publishes the version the event was validated against and its kill
 * switch is off, dedupes on the trigger's key, and leases the run to the process that
 * will drive it at once (with no local executor: to nobody, so any executor claims it).
 * The same statement keeps the event for replay (issue 15 §1) when it is given one.
 */
import { jsonbText, storableText } from './storable';
import { ts, type Sql } from './runs-sql';

export interface NewLiveRun {
  id: string;
  workflowId: string;
  versionId: string;
  triggerType: string;
  event: unknown;
  createdAt: number;
  eventTimestamp: number | null;
  createdById: string | null;
  dedupeKey: string | null;
  /** The local executor, which drives the run at once; null: let any executor claim it. */
  leaseOwner: string | null;
  leaseMs: number;
  /** The event as kept for replay (redacted), written in the same statement; null keeps none. */
  replayEvent: unknown;
}

export type InsertOutcome =
  { inserted: true; maxDestructive: number | null } | { inserted: false; existingRunId: string | null };

const INSERT = `WITH w AS (
    SELECT id, max_destructive_per_run FROM workflows
    WHERE id = $2::uuid AND published_version_id = $3::uuid AND NOT kill_switch
  ), ins AS (
    INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input, state, state_version,
      event_timestamp, created_by_id, dedupe_key, created_at, lease_owner, lease_expires_at)
    SELECT $1::uuid, w.id, $3::uuid, 'live', 'queued', $4::text, $5::jsonb,
      jsonb_build_object('record', jsonb_build_object('id', $1::text, 'depth', 0,
        'maxDestructive', w.max_destructive_per_run)),
      0, ${ts('$6')}, $7::uuid, $8::text, ${ts('$9')},
      $10::text, CASE WHEN $10::text IS NULL THEN NULL ELSE now() + $11::int * interval '1 millisecond' END
    FROM w
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id, (state->'record'->>'maxDestructive')::int AS max_destructive
  ), ev AS (
    INSERT INTO replay_events (id, workflow_id, version_id, run_id, event, received_at)
    SELECT gen_random_uuid(), $2::uuid, $3::uuid, ins.id, $12::jsonb, ${ts('$9')}
    FROM ins WHERE $12::jsonb IS NOT NULL
  )
  SELECT (SELECT count(*)::int FROM ins) AS inserted, (SELECT max_destructive FROM ins) AS max_destructive,
    (SELECT id::text FROM runs WHERE $8::text IS NOT NULL AND dedupe_key = $8::text) AS existing`;

export async function insertLiveRun(sql: Sql, r: NewLiveRun): Promise<InsertOutcome> {
  const [row] = await sql.query<{ inserted: number; max_destructive: number | null; existing: string | null }>(
    INSERT,
    [
      r.id,
      r.workflowId,
      r.versionId,
      r.triggerType,
      jsonbText(r.event ?? null),
      r.eventTimestamp,
      r.createdById,
      r.dedupeKey === null ? null : storableText(r.dedupeKey),
      r.createdAt,
      r.leaseOwner,
      r.leaseMs,
      r.replayEvent === null || r.replayEvent === undefined ? null : jsonbText(r.replayEvent),
    ],
    'runs_create',
  );
  if (row?.inserted === 1) return { inserted: true, maxDestructive: row.max_destructive };
  return { inserted: false, existingRunId: row?.existing ?? null };
}
