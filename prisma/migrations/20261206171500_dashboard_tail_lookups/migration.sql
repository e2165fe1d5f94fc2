-- Dashboard raw tail (issue 18 item 4), from the profile at 1M runs: the readers pass the
-- tail's run ids as ARRAY(SELECT …), a sublink, so these functions are never inlined and
-- are planned on their own; for ~2,400 ids the planner joined approval_tasks by hashing the
-- whole table (a sequential scan of 146k tasks, ~100 ms, growing with history) instead of
-- looking up each run's tasks by run_id. The tasks are now looked up per run (OFFSET 0 keeps
-- the lateral from being flattened back into that join). Same rows as before.

CREATE OR REPLACE FUNCTION dashboard_hist_of(ids uuid[]) RETURNS TABLE (at timestamptz, workflow_id uuid, metric text, secs float8)
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
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, 'decision', a.secs
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id
  CROSS JOIN LATERAL (SELECT extract(epoch FROM a.decided_at - a.created_at)::float8 AS secs FROM approval_tasks a
    WHERE a.run_id = r.id AND a.status IN ('approved', 'rejected') AND a.decided_at IS NOT NULL OFFSET 0) a
  WHERE r.mode = 'live'
$$;

CREATE OR REPLACE FUNCTION dashboard_approvals_of(ids uuid[]) RETURNS TABLE (at timestamptz, workflow_id uuid,
    status approval_status, tasks int, escalations int, escalated int, break_glass int)
LANGUAGE sql STABLE AS $$
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, a.status, 1, a.escalation_level,
    (a.escalation_level > 0)::int,
    jsonb_array_length(jsonb_path_query_array(a.decisions, '$[*] ? (@.breakGlass == true)'))
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id
  CROSS JOIN LATERAL (SELECT a.status, a.escalation_level, a.decisions FROM approval_tasks a
    WHERE a.run_id = r.id OFFSET 0) a
  WHERE r.mode = 'live'
$$;
