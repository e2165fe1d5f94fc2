-- Dashboard rollups (issue 18 item 4): what every dashboard aggregate needs from ended live
-- runs, summed per workflow and hour (grain 0) and per workflow and UTC day (grain 1), so that
-- an aggregate reads a few thousand rollup rows instead of every run.
--
-- Kept right by PostgreSQL itself, whatever process ends a run: a trigger on `runs` notes
-- each live run that reaches an ended status (INSERT of an ended run, or an UPDATE from an
-- active status to an ended one) in `dashboard_pending_runs` -- one small INSERT in the
-- ending transaction, nothing updated in place, so 1,000 runs/s of one workflow in one hour
-- do not queue on one row lock. `dashboard_fold()` (run by readers and any process, one at a
-- time under an advisory lock) adds the pending runs' contributions as unfolded rows in one
-- set-based pass, then sums unfolded rows into the one folded row per key. Readers GROUP BY
-- the key (folded and unfolded rows alike) and read pending runs raw, so they are exact
-- before, during and after a fold.
--
-- Also read raw by the aggregates: runs still active, and the runs of the partial hours at
-- the edges of a range (rollups are whole hours).

CREATE FUNCTION dashboard_bucket(x float8) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  -- Log-scale histogram bucket: 8 per doubling (9 % wide); everything under 1 ms in one.
  SELECT CASE WHEN x < 0.001 THEN -100 ELSE floor(log(2.0, x::numeric) * 8)::int END
$$;

-- The SLO latency of a workflow without a stored SLO (DEFAULT_SLO in services/dashboard/slo.ts).
CREATE FUNCTION dashboard_default_latency() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 300 $$;

CREATE TABLE dashboard_rollup_runs (
  grain smallint NOT NULL,
  at timestamptz(3) NOT NULL,
  workflow_id uuid NOT NULL,
  status run_status NOT NULL,
  runs int NOT NULL,
  manual int NOT NULL,
  gated int NOT NULL,
  autonomous int NOT NULL,
  -- Succeeded top-level runs (time saved counts them) and their approval waits in seconds.
  top_level int NOT NULL,
  human float8 NOT NULL,
  folded boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX dashboard_rollup_runs_key ON dashboard_rollup_runs (grain, at, workflow_id, status) WHERE folded;
CREATE INDEX dashboard_rollup_runs_fresh ON dashboard_rollup_runs (grain, at) WHERE NOT folded;
-- Readers (folded and fresh rows alike: the partial indexes above serve neither).
CREATE INDEX dashboard_rollup_runs_read ON dashboard_rollup_runs (grain, at);

-- Histograms for percentiles: metric 'duration' (succeeded/failed runs), 'contain' (alert to
-- first successful destructive step), 'decision' (approved/rejected tasks), seconds.
CREATE TABLE dashboard_rollup_hist (
  grain smallint NOT NULL,
  at timestamptz(3) NOT NULL,
  workflow_id uuid NOT NULL,
  metric text NOT NULL,
  bucket int NOT NULL,
  n int NOT NULL,
  -- Sum, smallest and largest of the values (a bucket of one value gives it exactly).
  total float8 NOT NULL,
  lo float8 NOT NULL,
  hi float8 NOT NULL,
  folded boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX dashboard_rollup_hist_key ON dashboard_rollup_hist (grain, at, workflow_id, metric, bucket) WHERE folded;
CREATE INDEX dashboard_rollup_hist_fresh ON dashboard_rollup_hist (grain, at) WHERE NOT folded;
-- Readers (folded and fresh rows alike: the partial indexes above serve neither).
CREATE INDEX dashboard_rollup_hist_read ON dashboard_rollup_hist (grain, at);

CREATE TABLE dashboard_rollup_approvals (
  grain smallint NOT NULL,
  at timestamptz(3) NOT NULL,
  workflow_id uuid NOT NULL,
  status approval_status NOT NULL,
  tasks int NOT NULL,
  escalations int NOT NULL,
  escalated int NOT NULL,
  break_glass int NOT NULL,
  folded boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX dashboard_rollup_approvals_key ON dashboard_rollup_approvals (grain, at, workflow_id, status) WHERE folded;
CREATE INDEX dashboard_rollup_approvals_fresh ON dashboard_rollup_approvals (grain, at) WHERE NOT folded;
-- Readers (folded and fresh rows alike: the partial indexes above serve neither).
CREATE INDEX dashboard_rollup_approvals_read ON dashboard_rollup_approvals (grain, at);

-- Failed step attempts: kind 's' one row per step (failures, runs with one, failed runs, last
-- failure), kind 'm' one row per step and message (failures only).
CREATE TABLE dashboard_rollup_failures (
  grain smallint NOT NULL,
  at timestamptz(3) NOT NULL,
  workflow_id uuid NOT NULL,
  step_id text NOT NULL,
  kind char(1) NOT NULL,
  message text NOT NULL,
  node_type text NOT NULL,
  failures int NOT NULL,
  runs int NOT NULL,
  failed_runs int NOT NULL,
  last_at timestamptz(3) NOT NULL,
  folded boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX dashboard_rollup_failures_key ON dashboard_rollup_failures (grain, at, workflow_id, step_id, kind, message) WHERE folded;
CREATE INDEX dashboard_rollup_failures_fresh ON dashboard_rollup_failures (grain, at) WHERE NOT folded;
-- Readers (folded and fresh rows alike: the partial indexes above serve neither).
CREATE INDEX dashboard_rollup_failures_read ON dashboard_rollup_failures (grain, at);

-- SLO counts per workflow and hour of the run's END; `good` against the workflow's SLO
-- latency when the run ended (recounted when the latency changes: trigger below).
CREATE TABLE dashboard_rollup_slo (
  workflow_id uuid NOT NULL,
  at timestamptz(3) NOT NULL,
  total int NOT NULL,
  good int NOT NULL,
  folded boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX dashboard_rollup_slo_key ON dashboard_rollup_slo (workflow_id, at) WHERE folded;
CREATE INDEX dashboard_rollup_slo_fresh ON dashboard_rollup_slo (workflow_id, at) WHERE NOT folded;
CREATE INDEX dashboard_rollup_slo_read ON dashboard_rollup_slo (workflow_id, at);

-- What runs contribute, one row per run (or task, or step), keyed by the hour the run was
-- created. The same functions serve the trigger, the backfill and the readers' raw tail.
CREATE FUNCTION dashboard_runs_of(ids uuid[]) RETURNS TABLE (at timestamptz, workflow_id uuid, status run_status,
    runs int, manual int, gated int, autonomous int, top_level int, human float8)
LANGUAGE sql STABLE AS $$
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, r.status, 1,
    (r.trigger_type = 'manual')::int, (h.tasks > 0)::int, (d.destructive AND h.tasks = 0)::int,
    (r.status = 'succeeded' AND r.parent_run_id IS NULL)::int,
    CASE WHEN r.status = 'succeeded' AND r.parent_run_id IS NULL THEN h.human ELSE 0 END
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id
  CROSS JOIN LATERAL (SELECT count(*) AS tasks,
      coalesce(sum(extract(epoch FROM coalesce(a.decided_at, a.created_at) - a.created_at)), 0)::float8 AS human
    FROM approval_tasks a WHERE a.run_id = r.id) h
  CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM step_runs s WHERE s.run_id = r.id
      AND s.effect_class = 'destructive' AND s.status = 'succeeded') AS destructive) d
  WHERE r.mode = 'live'
$$;

CREATE FUNCTION dashboard_hist_of(ids uuid[]) RETURNS TABLE (at timestamptz, workflow_id uuid, metric text, secs float8)
LANGUAGE sql STABLE AS $$
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, 'duration',
    extract(epoch FROM r.finished_at - coalesce(r.started_at, r.created_at))::float8
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id
  WHERE r.mode = 'live' AND r.status IN ('succeeded', 'failed') AND r.finished_at IS NOT NULL
  UNION ALL
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, 'contain',
    greatest(0, extract(epoch FROM min(s.finished_at) - coalesce(r.event_timestamp, r.created_at)))::float8
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id
  JOIN step_runs s ON s.run_id = r.id AND s.effect_class = 'destructive' AND s.status = 'succeeded'
  WHERE r.mode = 'live' AND s.finished_at IS NOT NULL
  GROUP BY r.id
  UNION ALL
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, 'decision',
    extract(epoch FROM a.decided_at - a.created_at)::float8
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id JOIN approval_tasks a ON a.run_id = r.id
  WHERE r.mode = 'live' AND a.status IN ('approved', 'rejected') AND a.decided_at IS NOT NULL
$$;

CREATE FUNCTION dashboard_approvals_of(ids uuid[]) RETURNS TABLE (at timestamptz, workflow_id uuid,
    status approval_status, tasks int, escalations int, escalated int, break_glass int)
LANGUAGE sql STABLE AS $$
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, a.status, 1, a.escalation_level,
    (a.escalation_level > 0)::int,
    jsonb_array_length(jsonb_path_query_array(a.decisions, '$[*] ? (@.breakGlass == true)'))
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id JOIN approval_tasks a ON a.run_id = r.id
  WHERE r.mode = 'live'
$$;

CREATE FUNCTION dashboard_failures_of(ids uuid[]) RETURNS TABLE (at timestamptz, workflow_id uuid, step_id text,
    kind char(1), message text, node_type text, failures int, runs int, failed_runs int, last_at timestamptz)
LANGUAGE sql STABLE AS $$
  WITH f AS (
    SELECT r.id AS run_id, date_bin('1 hour', r.created_at, '2000-01-01Z') AS at, r.workflow_id, r.status AS run_status,
      s.step_id, s.node_type, s.started_at, coalesce(s.error->>'message', 'no message') AS message
    FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id JOIN step_runs s ON s.run_id = r.id
    WHERE r.mode = 'live' AND s.status = 'failed')
  SELECT f.at, f.workflow_id, f.step_id, 's'::char(1), '', min(f.node_type), count(*)::int, 1,
    (min(f.run_status::text) = 'failed')::int, max(f.started_at)
  FROM f GROUP BY f.run_id, f.at, f.workflow_id, f.step_id
  UNION ALL
  SELECT f.at, f.workflow_id, f.step_id, 'm'::char(1), f.message, min(f.node_type), count(*)::int, 0, 0, max(f.started_at)
  FROM f GROUP BY f.run_id, f.at, f.workflow_id, f.step_id, f.message
$$;

-- SLO contribution of finished (succeeded/failed) runs, keyed by the hour they ended.
CREATE FUNCTION dashboard_slo_of(ids uuid[]) RETURNS TABLE (workflow_id uuid, at timestamptz, total int, good int)
LANGUAGE sql STABLE AS $$
  SELECT r.workflow_id, date_bin('1 hour', r.finished_at, '2000-01-01Z'), 1,
    (r.status = 'succeeded' AND r.finished_at - coalesce(r.started_at, r.created_at)
      <= coalesce(s.latency_seconds, dashboard_default_latency()) * interval '1 second')::int
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id LEFT JOIN workflow_slos s ON s.workflow_id = r.workflow_id
  WHERE r.mode = 'live' AND r.status IN ('succeeded', 'failed') AND r.finished_at IS NOT NULL
$$;

-- Appends the contribution of these runs (unfolded) at both grains; dir -1 takes it back
-- (a histogram bucket's smallest and largest value stay where they were).
CREATE FUNCTION dashboard_add_runs(ids uuid[], dir int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_rollup_runs (grain, at, workflow_id, status, runs, manual, gated, autonomous, top_level, human)
  SELECT g.grain, CASE WHEN g.grain = 0 THEN x.at ELSE date_bin('1 day', x.at, '2000-01-01Z') END,
    x.workflow_id, x.status, dir * sum(x.runs), dir * sum(x.manual), dir * sum(x.gated), dir * sum(x.autonomous),
    dir * sum(x.top_level), dir * sum(x.human)
  FROM dashboard_runs_of(ids) x CROSS JOIN (VALUES (0), (1)) g(grain)
  GROUP BY 1, 2, 3, 4;

  INSERT INTO dashboard_rollup_hist (grain, at, workflow_id, metric, bucket, n, total, lo, hi)
  SELECT g.grain, CASE WHEN g.grain = 0 THEN x.at ELSE date_bin('1 day', x.at, '2000-01-01Z') END,
    x.workflow_id, x.metric, dashboard_bucket(x.secs), dir * count(*), dir * sum(x.secs), min(x.secs),
    max(x.secs)
  FROM dashboard_hist_of(ids) x CROSS JOIN (VALUES (0), (1)) g(grain)
  WHERE x.secs IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO dashboard_rollup_approvals (grain, at, workflow_id, status, tasks, escalations, escalated, break_glass)
  SELECT g.grain, CASE WHEN g.grain = 0 THEN x.at ELSE date_bin('1 day', x.at, '2000-01-01Z') END,
    x.workflow_id, x.status, dir * sum(x.tasks), dir * sum(x.escalations), dir * sum(x.escalated),
    dir * sum(x.break_glass)
  FROM dashboard_approvals_of(ids) x CROSS JOIN (VALUES (0), (1)) g(grain)
  GROUP BY 1, 2, 3, 4;

  INSERT INTO dashboard_rollup_failures (grain, at, workflow_id, step_id, kind, message, node_type, failures, runs,
    failed_runs, last_at)
  SELECT g.grain, CASE WHEN g.grain = 0 THEN x.at ELSE date_bin('1 day', x.at, '2000-01-01Z') END,
    x.workflow_id, x.step_id, x.kind, x.message, min(x.node_type), dir * sum(x.failures), dir * sum(x.runs),
    dir * sum(x.failed_runs), max(x.last_at)
  FROM dashboard_failures_of(ids) x CROSS JOIN (VALUES (0), (1)) g(grain)
  GROUP BY 1, 2, 3, 4, 5, 6;

  INSERT INTO dashboard_rollup_slo (workflow_id, at, total, good)
  SELECT x.workflow_id, x.at, dir * sum(x.total), dir * sum(x.good) FROM dashboard_slo_of(ids) x GROUP BY 1, 2;
END $$;

-- Runs ended and not yet in the rollups, and runs whose contribution is in them.
CREATE TABLE dashboard_pending_runs (run_id uuid PRIMARY KEY);
CREATE TABLE dashboard_counted_runs (run_id uuid PRIMARY KEY);

CREATE FUNCTION dashboard_run_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_pending_runs (run_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER runs_dashboard_ended_insert AFTER INSERT ON runs FOR EACH ROW
  WHEN (NEW.mode = 'live' AND NEW.status IN ('succeeded', 'failed', 'cancelled'))
  EXECUTE FUNCTION dashboard_run_ended();
CREATE TRIGGER runs_dashboard_ended_update AFTER UPDATE OF status ON runs FOR EACH ROW
  WHEN (NEW.mode = 'live' AND NEW.status IN ('succeeded', 'failed', 'cancelled')
    AND OLD.status NOT IN ('succeeded', 'failed', 'cancelled'))
  EXECUTE FUNCTION dashboard_run_ended();

-- A step run or approval task of a counted run changes (a task closed after its run ended):
-- the run's contribution is taken back as it was before the change, and the run is pending
-- again. A pending run being folded at this moment is waited for (its row lock).
CREATE FUNCTION dashboard_child_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE rid uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.run_id ELSE NEW.run_id END;
BEGIN
  PERFORM 1 FROM dashboard_pending_runs p WHERE p.run_id = rid FOR UPDATE;
  DELETE FROM dashboard_counted_runs c WHERE c.run_id = rid;
  IF FOUND THEN
    PERFORM dashboard_add_runs(ARRAY[rid], -1);
    INSERT INTO dashboard_pending_runs (run_id) VALUES (rid) ON CONFLICT DO NOTHING;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER step_runs_dashboard_changed BEFORE INSERT OR UPDATE OR DELETE ON step_runs
  FOR EACH ROW EXECUTE FUNCTION dashboard_child_changed();
CREATE TRIGGER approval_tasks_dashboard_changed BEFORE INSERT OR UPDATE OR DELETE ON approval_tasks
  FOR EACH ROW EXECUTE FUNCTION dashboard_child_changed();

-- A workflow's SLO latency changed: recount its `good` runs (a manager's action; rare).
CREATE FUNCTION dashboard_recount_slo() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE wf uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.workflow_id ELSE NEW.workflow_id END;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.latency_seconds = NEW.latency_seconds THEN RETURN NULL; END IF;
  DELETE FROM dashboard_rollup_slo WHERE workflow_id = wf;
  INSERT INTO dashboard_rollup_slo (workflow_id, at, total, good)
  SELECT x.workflow_id, x.at, sum(x.total), sum(x.good)
  FROM dashboard_slo_of(ARRAY(SELECT r.id FROM dashboard_counted_runs c JOIN runs r ON r.id = c.run_id
    WHERE r.workflow_id = wf)) x
  GROUP BY 1, 2;
  RETURN NULL;
END $$;
CREATE TRIGGER workflow_slos_dashboard_recount AFTER INSERT OR UPDATE OR DELETE ON workflow_slos
  FOR EACH ROW EXECUTE FUNCTION dashboard_recount_slo();

-- Adds up to `max_runs` pending runs to the rollups, then sums the unfolded rows into the
-- folded row of their key. One folder at a time (others return at once: readers are exact
-- either way). Returns how many runs it added; -1 when another folder was at it.
CREATE FUNCTION dashboard_fold(max_runs int DEFAULT 20000) RETURNS int LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('dashboard_fold')) THEN RETURN -1; END IF;
  WITH taken AS (
    DELETE FROM dashboard_pending_runs WHERE run_id IN (
      SELECT run_id FROM dashboard_pending_runs LIMIT max_runs FOR UPDATE SKIP LOCKED)
    RETURNING run_id),
  counted AS (
    INSERT INTO dashboard_counted_runs (run_id) SELECT run_id FROM taken ON CONFLICT DO NOTHING RETURNING run_id)
  SELECT coalesce(array_agg(run_id), '{}') INTO ids FROM counted;
  PERFORM dashboard_add_runs(ids, 1);
  WITH fresh AS (DELETE FROM dashboard_rollup_runs WHERE NOT folded RETURNING *)
  INSERT INTO dashboard_rollup_runs AS t (grain, at, workflow_id, status, runs, manual, gated, autonomous, top_level,
    human, folded)
  SELECT grain, at, workflow_id, status, sum(runs), sum(manual), sum(gated), sum(autonomous), sum(top_level),
    sum(human), true
  FROM fresh GROUP BY 1, 2, 3, 4
  ON CONFLICT (grain, at, workflow_id, status) WHERE folded DO UPDATE SET runs = t.runs + excluded.runs,
    manual = t.manual + excluded.manual, gated = t.gated + excluded.gated,
    autonomous = t.autonomous + excluded.autonomous, top_level = t.top_level + excluded.top_level,
    human = t.human + excluded.human;

  WITH fresh AS (DELETE FROM dashboard_rollup_hist WHERE NOT folded RETURNING *)
  INSERT INTO dashboard_rollup_hist AS t (grain, at, workflow_id, metric, bucket, n, total, lo, hi, folded)
  SELECT grain, at, workflow_id, metric, bucket, sum(n), sum(total), min(lo), max(hi), true
  FROM fresh GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, at, workflow_id, metric, bucket) WHERE folded DO UPDATE SET n = t.n + excluded.n, total = t.total + excluded.total,
    lo = least(t.lo, excluded.lo), hi = greatest(t.hi, excluded.hi);

  WITH fresh AS (DELETE FROM dashboard_rollup_approvals WHERE NOT folded RETURNING *)
  INSERT INTO dashboard_rollup_approvals AS t (grain, at, workflow_id, status, tasks, escalations, escalated,
    break_glass, folded)
  SELECT grain, at, workflow_id, status, sum(tasks), sum(escalations), sum(escalated), sum(break_glass), true
  FROM fresh GROUP BY 1, 2, 3, 4
  ON CONFLICT (grain, at, workflow_id, status) WHERE folded DO UPDATE SET tasks = t.tasks + excluded.tasks,
    escalations = t.escalations + excluded.escalations, escalated = t.escalated + excluded.escalated,
    break_glass = t.break_glass + excluded.break_glass;

  WITH fresh AS (DELETE FROM dashboard_rollup_failures WHERE NOT folded RETURNING *)
  INSERT INTO dashboard_rollup_failures AS t (grain, at, workflow_id, step_id, kind, message, node_type, failures,
    runs, failed_runs, last_at, folded)
  SELECT grain, at, workflow_id, step_id, kind, message, min(node_type), sum(failures), sum(runs), sum(failed_runs),
    max(last_at), true
  FROM fresh GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (grain, at, workflow_id, step_id, kind, message) WHERE folded DO UPDATE SET
    node_type = least(t.node_type, excluded.node_type), failures = t.failures + excluded.failures,
    runs = t.runs + excluded.runs, failed_runs = t.failed_runs + excluded.failed_runs,
    last_at = greatest(t.last_at, excluded.last_at);

  WITH fresh AS (DELETE FROM dashboard_rollup_slo WHERE NOT folded RETURNING *)
  INSERT INTO dashboard_rollup_slo AS t (workflow_id, at, total, good, folded)
  SELECT workflow_id, at, sum(total), sum(good), true FROM fresh GROUP BY 1, 2
  ON CONFLICT (workflow_id, at) WHERE folded DO UPDATE SET total = t.total + excluded.total,
    good = t.good + excluded.good;
  RETURN cardinality(ids);
END $$;

-- Backfill: every ended live run recorded so far is pending; the first folds add them.
INSERT INTO dashboard_pending_runs (run_id)
SELECT id FROM runs WHERE mode = 'live' AND status IN ('succeeded', 'failed', 'cancelled');
SELECT dashboard_fold(2147483647);
