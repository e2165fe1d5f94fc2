/**
 * Before the rollups (issue 18): the aggregate computed from the raw runs, the oracle the
 * rollup-based store is compared with (rollups.test.ts).
 * Dashboard aggregates that read step runs: the top failing steps, and how automated each workflow is. */
import type { AutomationCounts, FailingStep } from '@autonomic/api';
import type { z } from 'zod';
import { Prisma } from '../../../src/generated/prisma/client';
import { num, runFilter, workflowFilter, type Db, type RunScope } from '../../../src/store/dashboard-sql';

interface FailingRow {
  workflowId: string;
  workflowName: string;
  stepId: string;
  nodeType: string;
  failures: bigint;
  runs: bigint;
  failedRuns: bigint;
  lastFailedAt: Date;
  messages: { message: string; count: number }[];
}

/** The steps with the most failed attempts in the range, with their top three messages. */
export async function topFailingSteps(db: Db, scope: RunScope, limit: number): Promise<z.input<typeof FailingStep>[]> {
  const rows = await db.$queryRaw<FailingRow[]>(Prisma.sql`
    WITH f AS (
      SELECT r.workflow_id, r.status AS run_status, s.run_id, s.step_id, s.node_type, s.started_at,
        coalesce(s.error->>'message', 'no message') AS message
      FROM step_runs s JOIN runs r ON r.id = s.run_id
      WHERE ${runFilter(scope)} AND s.status = 'failed'::step_status AND s.started_at >= ${scope.from}::timestamptz),
    top AS (
      SELECT workflow_id, step_id, min(node_type) AS node_type, count(*) AS failures, count(DISTINCT run_id) AS runs,
        count(DISTINCT run_id) FILTER (WHERE run_status = 'failed') AS failed_runs, max(started_at) AS last_at
      FROM f GROUP BY workflow_id, step_id
      ORDER BY failures DESC, runs DESC, step_id LIMIT ${limit}::int),
    msg AS (
      SELECT f.workflow_id, f.step_id, f.message, count(*) AS n,
        row_number() OVER (PARTITION BY f.workflow_id, f.step_id ORDER BY count(*) DESC, f.message) AS rank
      FROM f JOIN top t USING (workflow_id, step_id)
      GROUP BY f.workflow_id, f.step_id, f.message)
    SELECT t.workflow_id::text AS "workflowId", w.name AS "workflowName", t.step_id AS "stepId",
      t.node_type AS "nodeType", t.failures, t.runs, t.failed_runs AS "failedRuns", t.last_at AS "lastFailedAt",
      coalesce((SELECT json_agg(json_build_object('message', m.message, 'count', m.n) ORDER BY m.rank)
        FROM msg m WHERE m.workflow_id = t.workflow_id AND m.step_id = t.step_id AND m.rank <= 3), '[]') AS messages
    FROM top t JOIN workflows w ON w.id = t.workflow_id
    ORDER BY t.failures DESC, t.runs DESC, t.step_id`);
  return rows.map((r) => ({
    ...r,
    failures: num(r.failures),
    runs: num(r.runs),
    failedRuns: num(r.failedRuns),
    lastFailedAt: new Date(r.lastFailedAt),
    messages: r.messages.map((m) => ({ message: m.message, count: Number(m.count) })),
  }));
}

type AutomationRow = { [K in keyof AutomationCounts]: AutomationCounts[K] extends number ? bigint : string };

/** Per workflow of the scope (with or without runs): how its runs in the range were started and gated. */
export async function automationCounts(db: Db, scope: RunScope): Promise<AutomationCounts[]> {
  const rows = await db.$queryRaw<AutomationRow[]>(Prisma.sql`
    WITH gated AS (
      SELECT DISTINCT a.run_id FROM approval_tasks a WHERE a.created_at >= ${scope.from}::timestamptz),
    destructive AS (
      SELECT DISTINCT s.run_id FROM step_runs s
      WHERE s.effect_class = 'destructive'::effect_class AND s.status = 'succeeded'::step_status
        AND s.started_at >= ${scope.from}::timestamptz),
    n AS (
      SELECT r.workflow_id, count(*) AS runs, count(*) FILTER (WHERE r.trigger_type = 'manual') AS manual,
        count(*) FILTER (WHERE g.run_id IS NOT NULL) AS gated,
        count(*) FILTER (WHERE d.run_id IS NOT NULL AND g.run_id IS NULL) AS autonomous
      FROM runs r LEFT JOIN gated g ON g.run_id = r.id LEFT JOIN destructive d ON d.run_id = r.id
      WHERE ${runFilter(scope)}
      GROUP BY r.workflow_id)
    SELECT w.id::text AS "workflowId", w.name, w.slug, coalesce(n.runs, 0) AS runs, coalesce(n.manual, 0) AS manual,
      coalesce(n.gated, 0) AS gated, coalesce(n.autonomous, 0) AS autonomous
    FROM workflows w LEFT JOIN n ON n.workflow_id = w.id
    WHERE ${workflowFilter(scope, Prisma.sql`w.id`)}
    ORDER BY runs DESC, w.name`);
  return rows.map((r) => ({
    workflowId: r.workflowId,
    name: r.name,
    slug: r.slug,
    runs: num(r.runs),
    manual: num(r.manual),
    gated: num(r.gated),
    autonomous: num(r.autonomous),
  }));
}
