/**
 * Bulk history for the dashboard benchmark, generated inside PostgreSQL (generate_series:
 * no row crosses the wire): `count` live runs over the 30 days before `now`, spread over the
 * published workflows. Per run: three step runs (lookup: read, 6 % failed with one of five
 * messages; notify: write; block: destructive, succeeded in 60 % of succeeded runs), an
 * approval task for 15 % (80 % approved, 10 % rejected, 10 % timed out; a third escalated),
 * 10 % started by hand; 86 % succeeded, 10 % failed, 4 % cancelled. Durations 1 s – 7 min
 * (log-uniform). Plus `active` runs still running in the last hour.
 *
 * The rows go in with triggers off (session_replication_role = replica), like a restore;
 * they are then marked pending and folded into the rollups as the migration's backfill does
 * (`foldAll`), which the benchmark times separately.
 */
import pg from 'pg';

const RUNS = `INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input, event_timestamp,
    created_at, started_at, finished_at)
  SELECT x.id, w.id, w.published_version_id, 'live', x.status, x.trigger, jsonb_build_object('bench', $4::int),
    x.created - interval '40 s',
    x.created, x.created + interval '1 s',
    CASE WHEN x.status = 'cancelled' THEN x.created + interval '5 s'
      ELSE x.created + interval '1 s' + exp(x.r2 * 6) * interval '1 s' END
  FROM (
    SELECT gen_random_uuid() AS id, i,
      $3::timestamptz - ((i - 1 + $4::int * 0.37) / $1::float8) * interval '30 days' AS created,
      CASE WHEN hashint8(i) % 100 < 86 THEN 'succeeded' WHEN hashint8(i) % 100 < 96 THEN 'failed' ELSE 'cancelled' END::run_status
        AS status,
      CASE WHEN abs(hashint8(i * 7)) % 10 = 0 THEN 'manual' ELSE 'webhook' END AS trigger,
      abs(hashint8(i * 13)) % 1000 / 1000.0 AS r2
    FROM generate_series(1, $1::bigint) i) x
  JOIN (SELECT id, published_version_id, row_number() OVER (ORDER BY slug) - 1 AS k FROM workflows
    WHERE published_version_id IS NOT NULL) w ON w.k = abs(hashint8(x.i * 3)) % $2::int`;

const STEPS = `INSERT INTO step_runs (id, run_id, step_key, step_id, attempt, node_type, status, effect_class, error,
    started_at, finished_at)
  SELECT gen_random_uuid(), r.id, s.key, s.key, 1, s.type,
    CASE WHEN s.key = 'lookup' AND abs(hashtext(r.id::text)) % 100 < 6 THEN 'failed' ELSE 'succeeded' END::step_status,
    s.effect::effect_class,
    CASE WHEN s.key = 'lookup' AND abs(hashtext(r.id::text)) % 100 < 6
      THEN jsonb_build_object('message', 'lookup failed: ' || (abs(hashtext(r.id::text)) % 5)) END,
    r.started_at + s.k * interval '1 s', r.started_at + (s.k + 1) * interval '1 s'
  FROM runs r CROSS JOIN (VALUES (0, 'lookup', 'http', 'read'), (1, 'notify', 'slack', 'write'),
    (2, 'block', 'connector', 'destructive')) s(k, key, type, effect)
  WHERE r.input->>'bench' = $1::text AND r.mode = 'live'
    AND (s.key <> 'block' OR (r.status = 'succeeded' AND abs(hashtext(r.id::text || 'b')) % 100 < 60))`;

const TASKS = `INSERT INTO approval_tasks (id, run_id, step_key, task_id, approvers, quorum, escalation_level, status,
    decisions, created_at, decided_at)
  SELECT gen_random_uuid(), r.id, 'approve', 'bench-' || r.id, '{}'::jsonb, 1, abs(hashtext(r.id::text || 'e')) % 3 / 2,
    x.status::approval_status, '[]'::jsonb, r.started_at + interval '2 s',
    r.started_at + interval '2 s' + (abs(hashtext(r.id::text || 'd')) % 900) * interval '1 s'
  FROM runs r CROSS JOIN LATERAL (SELECT CASE WHEN abs(hashtext(r.id::text || 's')) % 10 < 8 THEN 'approved'
    WHEN abs(hashtext(r.id::text || 's')) % 10 = 8 THEN 'rejected' ELSE 'timed_out' END AS status) x
  WHERE r.input->>'bench' = $1::text AND r.mode = 'live'
    AND r.status <> 'cancelled' AND abs(hashtext(r.id::text || 'a')) % 100 < 15`;

export interface SeedResult {
  runs: number;
  seconds: number;
}

/** Runs still going in the last hour (the raw tail every aggregate reads). */
const ACTIVE = `INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input, created_at, started_at)
  SELECT gen_random_uuid(), w.id, w.published_version_id, 'live', 'running', 'webhook', '{}'::jsonb,
    $2::timestamptz - i * interval '1 minute', $2::timestamptz - i * interval '1 minute'
  FROM generate_series(1, $1::int) i
  CROSS JOIN LATERAL (SELECT id, published_version_id FROM workflows WHERE published_version_id IS NOT NULL
    ORDER BY slug OFFSET i % 5 LIMIT 1) w`;

/**
 * Adds `count` runs spread over the 30 days before `now` (stage `stage`: 1, 2, …, each a
 * whole month, interleaved with the others), marked pending for the rollups.
 */
export async function seedRuns(url: string, count: number, now: Date, stage: number): Promise<SeedResult> {
  const t0 = performance.now();
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    const sql = 'SELECT count(*)::int AS n FROM workflows WHERE published_version_id IS NOT NULL';
    const workflows = (await client.query<{ n: number }>(sql)).rows[0]?.n ?? 1;
    await client.query(RUNS, [count, workflows, now, stage]);
    await client.query(STEPS, [String(stage)]);
    await client.query(TASKS, [String(stage)]);
    if (stage === 1) await client.query(ACTIVE, [50, now]);
    await client.query(
      `INSERT INTO dashboard_pending_runs (run_id) SELECT id FROM runs r
      WHERE r.input->>'bench' = $1::text AND r.status IN ('succeeded', 'failed', 'cancelled')`,
      [String(stage)],
    );
  } finally {
    await client.end();
  }
  return { runs: count, seconds: (performance.now() - t0) / 1000 };
}
