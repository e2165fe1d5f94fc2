/**
 * The CSV export as it was before COPY (issue 18): the runs a page at a time (keyset on
 * created_at, id) with their figures, each cell written by csvCell. The oracle the COPY
 * export is compared with, byte for byte.
 */
import type { CsvChart } from '@autonomic/api';
import { Prisma } from '../../../src/generated/prisma/client';
import { DURATION, HUMAN_SECONDS, runFilter, type Db, type RunScope } from '../../../src/store/dashboard-sql';

export interface CsvFilter {
  chart: CsvChart;
  status?: string;
  /** With chart `failing`: only runs where this step failed. */
  stepId?: string;
}

export interface CsvRun {
  id: string;
  workflowSlug: string;
  workflowName: string;
  status: string;
  trigger: string;
  eventTimestamp: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationSeconds: number | null;
  containedAt: Date | null;
  timeToContainSeconds: number | null;
  approvals: number;
  humanSeconds: number;
  baselineMinutes: number | null;
  savedSeconds: number | null;
  errorStep: string | null;
  errorMessage: string | null;
}

function chartFilter(f: CsvFilter): Prisma.Sql {
  switch (f.chart) {
    case 'runs':
      return Prisma.sql`TRUE`;
    case 'durations':
      return Prisma.sql`r.status IN ('succeeded', 'failed')`;
    case 'contain':
      return Prisma.sql`c.contained_at IS NOT NULL`;
    case 'saved':
      return Prisma.sql`r.status = 'succeeded' AND r.parent_run_id IS NULL AND w.manual_baseline_minutes IS NOT NULL`;
    case 'approvals':
      return Prisma.sql`h.approvals > 0`;
    case 'failing':
      return Prisma.sql`EXISTS (SELECT 1 FROM step_runs fs WHERE fs.run_id = r.id AND fs.status = 'failed'
        ${f.stepId === undefined ? Prisma.empty : Prisma.sql`AND fs.step_id = ${f.stepId}`})`;
  }
}

/** Up to `limit` runs after `after` (oldest first). */
export async function csvRunsPage(
  db: Db,
  scope: RunScope,
  f: CsvFilter,
  after: { createdAt: Date; id: string } | null,
  limit: number,
): Promise<CsvRun[]> {
  const rows = await db.$queryRaw<CsvRun[]>(Prisma.sql`
    SELECT r.id::text AS id, w.slug AS "workflowSlug", w.name AS "workflowName", r.status::text AS status,
      r.trigger_type AS trigger, r.event_timestamp AS "eventTimestamp", r.created_at AS "createdAt",
      r.started_at AS "startedAt", r.finished_at AS "finishedAt", ${DURATION} AS "durationSeconds",
      c.contained_at AS "containedAt",
      greatest(0, extract(epoch FROM c.contained_at - coalesce(r.event_timestamp, r.created_at)))::float8
        AS "timeToContainSeconds",
      h.approvals, h.human AS "humanSeconds", w.manual_baseline_minutes AS "baselineMinutes",
      CASE WHEN r.status = 'succeeded' AND r.parent_run_id IS NULL AND w.manual_baseline_minutes IS NOT NULL
        THEN w.manual_baseline_minutes * 60.0::float8 - h.human END AS "savedSeconds",
      r.error->>'stepId' AS "errorStep",
      CASE WHEN r.status = 'failed' THEN coalesce(r.error->>'message', r.state->>'message') END AS "errorMessage"
    FROM runs r JOIN workflows w ON w.id = r.workflow_id
    LEFT JOIN LATERAL (SELECT min(s.finished_at) AS contained_at FROM step_runs s
      WHERE s.run_id = r.id AND s.effect_class = 'destructive' AND s.status = 'succeeded') c ON TRUE
    CROSS JOIN LATERAL (SELECT (SELECT count(*) FROM approval_tasks a WHERE a.run_id = r.id)::int AS approvals,
      ${HUMAN_SECONDS} AS human) h
    WHERE ${runFilter(scope)} AND ${chartFilter(f)}
      ${f.status === undefined ? Prisma.empty : Prisma.sql`AND r.status = ${f.status}::run_status`}
      ${after === null ? Prisma.empty : Prisma.sql`AND (r.created_at, r.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`}
    ORDER BY r.created_at, r.id
    LIMIT ${limit}::int`);
  return rows;
}

type CsvValue = string | number | Date | null;

/** The columns the row-by-row export wrote (services/dashboard/csv.ts before COPY). */
export const CSV_COLUMNS: readonly [string, (r: CsvRun) => CsvValue][] = [
  ['run_id', (r) => r.id],
  ['workflow', (r) => r.workflowSlug],
  ['workflow_name', (r) => r.workflowName],
  ['status', (r) => r.status],
  ['trigger', (r) => r.trigger],
  ['event_timestamp', (r) => r.eventTimestamp],
  ['created_at', (r) => r.createdAt],
  ['started_at', (r) => r.startedAt],
  ['finished_at', (r) => r.finishedAt],
  ['duration_s', (r) => r.durationSeconds],
  ['contained_at', (r) => r.containedAt],
  ['time_to_contain_s', (r) => (r.containedAt === null ? null : r.timeToContainSeconds)],
  ['approvals', (r) => r.approvals],
  ['human_wait_s', (r) => r.humanSeconds],
  ['baseline_min', (r) => r.baselineMinutes],
  ['time_saved_s', (r) => r.savedSeconds],
  ['error_step', (r) => r.errorStep],
  ['error_message', (r) => r.errorMessage],
];
