/**
 * Before the rollups (issue 18): the aggregate computed from the raw runs, the oracle the
 * rollup-based store is compared with (rollups.test.ts).
 *
 * SLO definitions (workflow_slos) and the run counts that measure them: per workflow,
 * over its rolling window ending `now`, and over the short windows the burn rate uses.
 * Rides the runs (workflow_id, status, finished_at) index.
 */
import type { SloTarget } from '@autonomic/api';
import { Prisma } from '../../../src/generated/prisma/client';
import { num, workflowFilter, type Db } from '../../../src/store/dashboard-sql';

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

type Row = Omit<SloCounts, 'total' | 'good' | 'recent'> & { total: bigint; good: bigint; recent: unknown };

/** Counts for every workflow of the scope; `defaults` fill in where no SLO is stored. */
export async function sloCounts(
  db: Db,
  opts: { workflowIds: readonly string[] | null; now: Date; defaults: SloTarget; burnHours: readonly number[] },
): Promise<SloCounts[]> {
  const d = opts.defaults;
  const recent = opts.burnHours.map(
    (h) => Prisma.sql`${String(h)}::text, json_build_object(
      'total', count(x.id) FILTER (WHERE x.finished_at > ${opts.now}::timestamptz - ${h}::float8 * interval '1 hour'),
      'good', count(x.id) FILTER (WHERE x.good AND x.finished_at > ${opts.now}::timestamptz - ${h}::float8 * interval '1 hour'))`,
  );
  // Counted inside the lateral subquery, one row per workflow: no sort of the runs.
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT w.id::text AS "workflowId", w.name, w.slug, (s.workflow_id IS NOT NULL) AS configured,
      c.objective AS "objectivePercent", c.latency AS "latencySeconds", c.days AS "windowDays",
      n.total, n.good, n.recent
    FROM workflows w
    LEFT JOIN workflow_slos s ON s.workflow_id = w.id
    CROSS JOIN LATERAL (SELECT coalesce(s.objective_percent, ${d.objectivePercent}::float8) AS objective,
      coalesce(s.latency_seconds, ${d.latencySeconds}::int) AS latency,
      coalesce(s.window_days, ${d.windowDays}::int) AS days) c
    CROSS JOIN LATERAL (
      SELECT count(x.id) AS total, count(x.id) FILTER (WHERE x.good) AS good, json_build_object(${Prisma.join(recent)}) AS recent
      FROM (
        SELECT r.id, r.finished_at, (r.status = 'succeeded'::run_status
            AND r.finished_at - coalesce(r.started_at, r.created_at) <= c.latency * interval '1 second') AS good
        FROM runs r
        WHERE r.workflow_id = w.id AND r.mode = 'live'::run_mode AND r.status IN ('succeeded', 'failed')
          AND r.finished_at > ${opts.now}::timestamptz - c.days * interval '1 day'
          AND r.finished_at <= ${opts.now}::timestamptz) x) n
    WHERE ${workflowFilter({ workflowIds: opts.workflowIds }, Prisma.sql`w.id`)}
    ORDER BY w.name, w.id`);
  return rows.map((r) => {
    const byHour: SloCounts['recent'] = {};
    const raw = typeof r.recent === 'object' && r.recent !== null ? r.recent : {};
    for (const h of opts.burnHours) {
      const v: unknown = Reflect.get(raw, String(h));
      const get = (k: string) => Number(typeof v === 'object' && v !== null ? Reflect.get(v, k) : 0);
      byHour[h] = { total: get('total'), good: get('good') };
    }
    return { ...r, total: num(r.total), good: num(r.good), recent: byHour };
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
