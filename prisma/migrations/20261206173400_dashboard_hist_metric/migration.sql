-- Dashboard raw tail (issue 18 item 4): a reader wants one metric's histogram, but
-- dashboard_hist_of(ids) computes all three for the tail's runs (the run, step and task
-- lookups of each) and the reader dropped two. This one computes only `want`'s branch (the
-- others are pruned by their constant condition). Same rows as dashboard_hist_of filtered.
CREATE FUNCTION dashboard_hist_of(ids uuid[], want text) RETURNS TABLE (at timestamptz, workflow_id uuid, metric text, secs float8)
LANGUAGE sql STABLE AS $$
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, 'duration',
    extract(epoch FROM r.finished_at - coalesce(r.started_at, r.created_at))::float8
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id
  WHERE want = 'duration' AND r.mode = 'live' AND r.status IN ('succeeded', 'failed') AND r.finished_at IS NOT NULL
  UNION ALL
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, 'contain',
    greatest(0, extract(epoch FROM min(s.finished_at) - coalesce(r.event_timestamp, r.created_at)))::float8
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id
  JOIN step_runs s ON s.run_id = r.id AND s.effect_class = 'destructive' AND s.status = 'succeeded'
  WHERE want = 'contain' AND r.mode = 'live' AND s.finished_at IS NOT NULL
  GROUP BY r.id
  UNION ALL
  SELECT date_bin('1 hour', r.created_at, '2000-01-01Z'), r.workflow_id, 'decision', a.secs
  FROM unnest(ids) u(id) JOIN runs r ON r.id = u.id
  CROSS JOIN LATERAL (SELECT extract(epoch FROM a.decided_at - a.created_at)::float8 AS secs FROM approval_tasks a
    WHERE a.run_id = r.id AND a.status IN ('approved', 'rejected') AND a.decided_at IS NOT NULL OFFSET 0) a
  WHERE want = 'decision' AND r.mode = 'live'
$$;
