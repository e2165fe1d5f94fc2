/**
 * Group commit of new live runs (issue 18 §2): ONE statement records a whole batch of
 * runs, each only if its workflow still publishes the version its event was checked
 * against with the kill switch off, and — for a webhook delivery — only if its signature
 * is new: the signature is claimed in the same statement, and only for a run that passes
 * the workflow check (a refusal does not spend it). Dedupes on `dedupe_key`, keeps the
 * replay event, and answers per row.
 *
 * A row may also carry the run's first engine commit (state, step results, attempts): a
 * synchronous run driven in memory until its first durable point is recorded by its
 * INSERT (issue 18 §3; executor/held.ts).
 */
import type { RunCommit } from '../engine';
import { attemptRow, extrasOf } from './runs-commit';
import type { NewLiveRun } from './runs-create';
import { jsonbText, storableText } from './storable';
import { ts, type Sql } from './runs-sql';

/** A live run to record (the fields of `insertLiveRun`'s row), with what ingest adds. */
export interface IngestRow extends NewLiveRun {
  /** A webhook delivery's signature, claimed by this statement. */
  nonce: { value: string; expiresAt: number } | null;
  /**
   * The run's first engine commit, for a run driven before it was stored; with the
   * `maxDestructive` it was driven with (the INSERT refuses the row if the workflow's differs).
   */
  first?: { commit: RunCommit; maxDestructive: number | null };
}

export type IngestOutcome =
  | { inserted: true; maxDestructive: number | null }
  /** The signature was used before: a replay. Nothing was written for this row. */
  | { inserted: false; replayed: true }
  /**
   * `existingRunId`: the dedupe key is taken. Without one: the workflow changed (unpublished,
   * new version, kill switch) or a duplicate is still committing. `nonceSpent`: this row's
   * signature was claimed all the same (a dedupe hit is an accepted delivery).
   */
  | { inserted: false; replayed: false; existingRunId: string | null; nonceSpent: boolean };

const INGEST = `WITH x AS (
    SELECT e.i::int AS i, r.* FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, i),
      jsonb_to_record(e.v) AS r(id uuid, wf uuid, ver uuid, trig text, ev jsonb,
      ets float8, by uuid, dk text, at float8, owner text, lms int, rep jsonb, nonce text, nexp float8,
      held bool, md int, st text, state jsonb, sv int, wake float8, out jsonb, err jsonb, sa float8, fa float8,
      rec jsonb, att jsonb, res jsonb)
  ), ok AS (
    SELECT x.*, w.max_destructive_per_run AS wmd FROM x JOIN workflows w
      ON w.id = x.wf AND w.published_version_id = x.ver AND NOT w.kill_switch
      AND (x.held IS NOT TRUE OR w.max_destructive_per_run IS NOT DISTINCT FROM x.md)
  ), claimed AS (
    INSERT INTO webhook_nonces (workflow_id, nonce, expires_at)
    SELECT wf, nonce, ${ts('nexp')} FROM ok WHERE nonce IS NOT NULL ORDER BY wf, nonce
    ON CONFLICT DO NOTHING
    RETURNING workflow_id, nonce
  ), fresh AS (
    SELECT ok.* FROM ok
    WHERE ok.nonce IS NULL OR EXISTS (SELECT 1 FROM claimed c WHERE c.workflow_id = ok.wf AND c.nonce = ok.nonce)
  ), ins AS (
    INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input, state, state_version,
      wake_at, output, error, started_at, finished_at, event_timestamp, created_by_id, dedupe_key, created_at,
      lease_owner, lease_expires_at)
    SELECT id, wf, ver, 'live', coalesce(st, 'queued')::run_status, trig, ev,
      coalesce(state, '{}'::jsonb) || jsonb_build_object('record',
        coalesce(rec, jsonb_build_object('id', id::text, 'depth', 0)) || jsonb_build_object('maxDestructive', wmd)),
      coalesce(sv, 0), ${ts('wake')}, out, err, ${ts('sa')}, ${ts('fa')}, ${ts('ets')}, by, dk, ${ts('at')},
      owner, CASE WHEN owner IS NULL THEN NULL ELSE now() + lms * interval '1 millisecond' END
    FROM fresh ORDER BY dk NULLS LAST, i
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id, dedupe_key
  ), ev AS (
    INSERT INTO replay_events (id, workflow_id, version_id, run_id, event, received_at)
    SELECT gen_random_uuid(), f.wf, f.ver, f.id, f.rep, ${ts('f.at')}
    FROM fresh f JOIN ins ON ins.id = f.id WHERE f.rep IS NOT NULL
  ), att AS (
    INSERT INTO step_runs (id, run_id, step_key, step_id, attempt, node_type, status, effect_class,
      input, output, error, port, started_at, finished_at, details)
    SELECT a.id, f.id, a.k, a.s, a.a, a.t, a.st::step_status, a.e::effect_class,
      a.i, a.o, a.err, a.p, ${ts('a.sa')}, ${ts('a.fa')}, a.d
    FROM fresh f JOIN ins ON ins.id = f.id, jsonb_to_recordset(coalesce(f.att, '[]'::jsonb)) AS a(id uuid, k text,
      s text, a int, t text, st text, e text, i jsonb, o jsonb, err jsonb, p text, sa float8, fa float8, d jsonb)
  ), res AS (
    INSERT INTO run_results (run_id, key, data)
    SELECT f.id, r->>'key', r FROM fresh f JOIN ins ON ins.id = f.id, jsonb_array_elements(coalesce(f.res, '[]'::jsonb)) AS r
  )
  SELECT x.i, ok.i IS NOT NULL AS allowed, f.i IS NOT NULL AS fresh, ins.id IS NOT NULL AS inserted,
    ok.wmd AS max_destructive,
    CASE WHEN ins.id IS NULL AND x.dk IS NOT NULL THEN coalesce(
      (SELECT i2.id::text FROM ins i2 WHERE i2.dedupe_key = x.dk),
      (SELECT r.id::text FROM runs r WHERE r.dedupe_key = x.dk)) END AS existing
  FROM x LEFT JOIN ok ON ok.i = x.i LEFT JOIN fresh f ON f.i = x.i LEFT JOIN ins ON ins.id = x.id
  ORDER BY x.i`;

interface OutRow {
  i: number;
  allowed: boolean;
  fresh: boolean;
  inserted: boolean;
  max_destructive: number | null;
  existing: string | null;
}

/** One row as the statement reads it, serialised now (a first commit's objects change as soon as the engine goes on). */
export function ingestRowJson(r: IngestRow): string {
  const base: Record<string, unknown> = {
    id: r.id,
    wf: r.workflowId,
    ver: r.versionId,
    trig: r.triggerType,
    ev: r.event ?? null,
    ets: r.eventTimestamp,
    by: r.createdById,
    dk: r.dedupeKey === null ? null : storableText(r.dedupeKey),
    at: r.createdAt,
    owner: r.leaseOwner,
    lms: r.leaseMs,
    rep: r.replayEvent ?? null,
    nonce: r.nonce?.value ?? null,
    nexp: r.nonce?.expiresAt ?? null,
  };
  const first = r.first;
  if (first) {
    const { commit: c, maxDestructive } = first;
    const s = c.state;
    const attempts = new Map(c.attempts.map((a) => [`${a.stepKey}\u0000${a.attempt}`, a]));
    Object.assign(base, {
      held: true,
      md: maxDestructive,
      st: s.status,
      state: s,
      sv: s.version,
      wake: s.wakeAt ?? null,
      out: s.output ?? null,
      err: s.error ?? null,
      sa: s.startedAt ?? null,
      fa: s.finishedAt ?? null,
      rec: c.run ? extrasOf(c.run) : null,
      att: [...attempts.values()].map(attemptRow),
      res: c.results,
    });
  }
  return jsonbText(base);
}

/** Sends one batch of rows (each from `ingestRowJson`); the outcomes come back in the rows' order. */
export async function ingestRuns(sql: Sql, rows: readonly string[]): Promise<IngestOutcome[]> {
  const out = await sql.query<OutRow>(INGEST, [`[${rows.join(',')}]`], 'runs_ingest');
  if (out.length !== rows.length) throw new Error(`ingest: ${out.length} answers for ${rows.length} runs`);
  return out.map((o): IngestOutcome => {
    if (o.inserted) return { inserted: true, maxDestructive: o.max_destructive };
    if (o.allowed && !o.fresh) return { inserted: false, replayed: true };
    return { inserted: false, replayed: false, existingRunId: o.existing, nonceSpent: o.fresh };
  });
}
