/**
 * SLO definitions (workflow_slos) and the run counts that measure them: per workflow,
 * over its rolling window ending `now`, and over the short windows the burn rate uses.
 * Whole hours from the SLO rollup, the partial hours at the window's ends from the runs.
 */
import type { SloTarget } from '@autonomic/api';
import { Prisma } from '../generated/prisma/client';
import { workflowFilter, type Db } from './dashboard-sql';

export interface SloCounts extends SloTarget {
  workflowId: string;
  name: string;
  slug: string;
  /** False: the defaults apply. */
  configured: boolean;
  /** Finished (succeeded or failed) live runs in the window, and those that succeeded in time. */
  total: number;
  good: number;
  /** The same over the short burn windows, keyed by hours. */
  recent: Record<number, { total: number; good: number }>;
}

type Row = Omit<SloCounts, 'total' | 'good' | 'recent'> & { total: number; good: number; recent: unknown };

const ORIGIN = Prisma.sql`'2000-01-01T00:00:00Z'::timestamptz`;

/**
 * `{ total, good }` of workflow `w` over (start, now]: whole hours from
 * `dashboard_rollup_slo` (by the hour runs ended), the partial hours at both ends and the
 * ended runs not folded in yet from the runs. `c.latency`: the workflow's SLO latency.
 */
function windowCounts(start: Prisma.Sql, now: Date): Prisma.Sql {
  const hi = Prisma.sql`date_bin('1 hour', ${now}::timestamptz, ${ORIGIN})`;
  const lo = Prisma.sql`least(date_bin('1 hour', ${start}, ${ORIGIN}) + interval '1 hour', ${hi})`;
  const counted = Prisma.sql`SELECT 1, (r.status = 'succeeded'::run_status
      AND r.finished_at - coalesce(r.started_at, r.created_at) <= c.latency * interval '1 second')::int`;
  const where = Prisma.sql`r.workflow_id = w.id AND r.mode = 'live'::run_mode AND r.status IN ('succeeded', 'failed')
      AND r.finished_at > ${start}`;
  const raw = Prisma.sql`${counted} FROM runs r WHERE ${where}`;
  return Prisma.sql`(SELECT json_build_object('total', coalesce(sum(e.total), 0), 'good', coalesce(sum(e.good), 0))
    FROM (
      SELECT s.total, s.good FROM dashboard_rollup_slo s WHERE s.workflow_id = w.id AND s.at >= ${lo} AND s.at < ${hi}
      UNION ALL ${raw} AND r.finished_at < ${lo}
      UNION ALL ${raw} AND r.finished_at >= ${hi} AND r.finished_at <= ${now}::timestamptz
      UNION ALL SELECT x.* FROM dashboard_pending_runs p CROSS JOIN LATERAL (${counted} FROM runs r
        WHERE r.id = p.run_id AND ${where} AND r.finished_at >= ${lo} AND r.finished_at < ${hi} OFFSET 0) x)
      e(total, good))`;
}

/**
 * The statement of `sloCounts`. `OFFSET 0` keeps two subqueries from being flattened: the
 * pending runs must drive their lookup (flattened, the planner walked every run of the
 * window to probe the short pending list), and each window is counted once, not per column.
 */
export function sloCountsSql(opts: SloQuery): Prisma.Sql {
  const d = opts.defaults;
  const recent = opts.burnHours.map(
    (h) =>
      Prisma.sql`${String(h)}::text, ${windowCounts(Prisma.sql`(${opts.now}::timestamptz - ${h}::float8 * interval '1 hour')`, opts.now)}`,
  );
  const main = windowCounts(Prisma.sql`(${opts.now}::timestamptz - c.days * interval '1 day')`, opts.now);
  return Prisma.sql`
SELECT w.id::text AS "workflowId", w.name, w.slug, (s.workflow_id IS NOT NULL) AS configured,
      c.objective AS "objectivePercent", c.latency AS "latencySeconds", c.days AS "windowDays",
      (n.m->>'total')::int AS total, (n.m->>'good')::int AS good, n.recent
    FROM workflows w
    LEFT JOIN workflow_slos s ON s.workflow_id = w.id
    CROSS JOIN LATERAL (SELECT coalesce(s.objective_percent, ${d.objectivePercent}::float8) AS objective,
      coalesce(s.latency_seconds, ${d.latencySeconds}::int) AS latency,
      coalesce(s.window_days, ${d.windowDays}::int) AS days) c
    CROSS JOIN LATERAL (SELECT ${main} AS m, json_build_object(${Prisma.join(recent)}) AS recent OFFSET 0) n
    WHERE ${workflowFilter({ workflowIds: opts.workflowIds }, Prisma.sql`w.id`)}
    ORDER BY w.name, w.id`;
}

export interface SloQuery {
  workflowIds: readonly string[] | null;
  now: Date;
  defaults: SloTarget;
  burnHours: readonly number[];
}

/** Counts for every workflow of the scope; `defaults` fill in where no SLO is stored. */
export async function sloCounts(db: Db, opts: SloQuery): Promise<SloCounts[]> {
  const rows = await db.$queryRaw<Row[]>(sloCountsSql(opts));
  return rows.map((r) => {
    const byHour: SloCounts['recent'] = {};
    const raw = typeof r.recent === 'object' && r.recent !== null ? r.recent : {};
    for (const h of opts.burnHours) {
      const v: unknown = Reflect.get(raw, String(h));
      const get = (k: string) => Number(typeof v === 'object' && v !== null ? Reflect.get(v, k) : 0);
      byHour[h] = { total: get('total'), good: get('good') };
    }
    return { ...r, recent: byHour };
  });
}

export async function upsertSlo(db: Db, workflowId: string, target: SloTarget, userId: string | null): Promise<void> {
  await db.workflowSlo.upsert({
    where: { workflowId },
    create: { workflowId, ...target, updatedById: userId },
    update: { ...target, updatedById: userId },
  });
}

/** @returns the SLO that was stored, or null when there was none */
export async function deleteSlo(db: Db, workflowId: string): Promise<SloTarget | null> {
  const found = await db.workflowSlo.findUnique({ where: { workflowId } });
  if (!found) return null;
  await db.workflowSlo.delete({ where: { workflowId } });
  return {
    objectivePercent: found.objectivePercent,
    latencySeconds: found.latencySeconds,
    windowDays: found.windowDays,
  };
}

export async function findSlo(db: Db, workflowId: string): Promise<SloTarget | null> {
  return db.workflowSlo.findUnique({
    where: { workflowId },
    select: { objectivePercent: true, latencySeconds: true, windowDays: true },
  });
}

export async function workflowExists(db: Db, id: string): Promise<boolean> {
  return (await db.workflow.count({ where: { id } })) > 0;
}
