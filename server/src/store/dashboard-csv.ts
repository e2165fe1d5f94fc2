/**
 * The runs behind a dashboard chart as CSV, written by PostgreSQL (`COPY … TO STDOUT`, see
 * dashboard-copy.ts) in the format the export always had: ISO instants in UTC with
 * milliseconds, numbers rounded to 3 decimals with no trailing zeros, empty for null, text
 * that a spreadsheet would run as a formula (= + - @, tab, carriage return first) behind a
 * leading apostrophe, quoted when it holds a quote, comma or line break. A run that
 * contained nothing has a blank time to contain (not 0: a spreadsheet would average it in).
 */
import type { Readable } from 'node:stream';
import type { CsvChart } from '@autonomic/api';
import { Prisma } from '../generated/prisma/client';
import { copyCsv } from './dashboard-copy';
import { DURATION, HUMAN_SECONDS, runFilter, type Db, type RunScope } from './dashboard-sql';

export interface CsvFilter {
  chart: CsvChart;
  status?: string;
  /** With chart `failing`: only runs where this step failed. */
  stepId?: string;
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

const text = (e: Prisma.Sql) =>
  Prisma.sql`nullif(CASE WHEN ${e} ~ E'^[-=+@\\t\\r]' THEN '''' || ${e} ELSE ${e} END, '')`;
const number = (e: Prisma.Sql) => Prisma.sql`trim_scale(round((${e})::numeric, 3))::text`;
const instant = (e: Prisma.Sql) => Prisma.sql`to_char(${e} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The SELECT behind the export (oldest run first). */
export function csvSelect(scope: RunScope, f: CsvFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT r.id::text AS "run_id", ${text(Prisma.sql`w.slug`)} AS "workflow", ${text(Prisma.sql`w.name`)} AS "workflow_name",
      r.status::text AS "status", ${text(Prisma.sql`r.trigger_type`)} AS "trigger",
      ${instant(Prisma.sql`r.event_timestamp`)} AS "event_timestamp", ${instant(Prisma.sql`r.created_at`)} AS "created_at",
      ${instant(Prisma.sql`r.started_at`)} AS "started_at", ${instant(Prisma.sql`r.finished_at`)} AS "finished_at",
      ${number(DURATION)} AS "duration_s", ${instant(Prisma.sql`c.contained_at`)} AS "contained_at",
      ${number(Prisma.sql`CASE WHEN c.contained_at IS NOT NULL
        THEN greatest(0, extract(epoch FROM c.contained_at - coalesce(r.event_timestamp, r.created_at))) END`)}
        AS "time_to_contain_s",
      h.approvals::text AS "approvals", ${number(Prisma.sql`h.human`)} AS "human_wait_s",
      w.manual_baseline_minutes::text AS "baseline_min",
      ${number(Prisma.sql`CASE WHEN r.status = 'succeeded' AND r.parent_run_id IS NULL
        AND w.manual_baseline_minutes IS NOT NULL THEN w.manual_baseline_minutes * 60.0::float8 - h.human END`)}
        AS "time_saved_s",
      ${text(Prisma.sql`(r.error->>'stepId')`)} AS "error_step",
      ${text(Prisma.sql`(CASE WHEN r.status = 'failed' THEN coalesce(r.error->>'message', r.state->>'message') END)`)}
        AS "error_message"
    FROM runs r JOIN workflows w ON w.id = r.workflow_id
    LEFT JOIN LATERAL (SELECT min(s.finished_at) AS contained_at FROM step_runs s
      WHERE s.run_id = r.id AND s.effect_class = 'destructive' AND s.status = 'succeeded') c ON TRUE
    CROSS JOIN LATERAL (SELECT (SELECT count(*) FROM approval_tasks a WHERE a.run_id = r.id)::int AS approvals,
      ${HUMAN_SECONDS} AS human) h
    WHERE ${runFilter(scope)} AND ${chartFilter(f)}
      ${f.status === undefined ? Prisma.empty : Prisma.sql`AND r.status = ${f.status}::run_status`}
    ORDER BY r.created_at, r.id`;
}

/** The export as a byte stream (header first, CRLF rows). */
export function csvRuns(db: Db, scope: RunScope, f: CsvFilter): Promise<Readable> {
  return copyCsv(db, csvSelect(scope, f));
}
