/**
 * Dashboard aggregates that read step runs: the top failing steps, and how automated each
 * workflow is. Read from the rollups plus the raw tail (dashboard-sql.ts).
 */
import type { AutomationCounts, FailingStep } from '@autonomic/api';
import type { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import { runRows } from './dashboard-runs';
import { num, rollupFilter, rollupWindow, tailIds, workflowFilter, type Db, type RunScope } from './dashboard-sql';

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
  const w = rollupWindow(scope, true);
  const rows = await db.$queryRaw<FailingRow[]>(Prisma.sql`
    WITH f AS (
      SELECT t.workflow_id, t.step_id, t.kind, t.message, t.node_type, t.failures, t.runs, t.failed_runs, t.last_at
      FROM dashboard_rollup_failures t WHERE ${rollupFilter(scope, w)}
      UNION ALL
      SELECT x.workflow_id, x.step_id, x.kind, x.message, x.node_type, x.failures, x.runs, x.failed_runs, x.last_at
      FROM dashboard_failures_of(${tailIds(scope, w)}) x),
    top AS (
      SELECT workflow_id, step_id, min(node_type) AS node_type, sum(failures) AS failures, sum(runs) AS runs,
        sum(failed_runs) AS failed_runs, max(last_at) AS last_at
      FROM f WHERE kind = 's' GROUP BY workflow_id, step_id
      ORDER BY failures DESC, runs DESC, step_id LIMIT ${limit}::int),
    msg AS (
      SELECT f.workflow_id, f.step_id, f.message, sum(f.failures) AS n,
        row_number() OVER (PARTITION BY f.workflow_id, f.step_id ORDER BY sum(f.failures) DESC, f.message) AS rank
      FROM f JOIN top t USING (workflow_id, step_id)
      WHERE f.kind = 'm'
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
    WITH n AS (
      SELECT x.workflow_id, sum(x.runs) AS runs, sum(x.manual) AS manual, sum(x.gated) AS gated,
        sum(x.autonomous) AS autonomous
      FROM ${runRows(scope, rollupWindow(scope, true))}
      GROUP BY x.workflow_id)
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
