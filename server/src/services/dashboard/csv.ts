/**
 * CSV for spreadsheets (RFC 4180): quoted when a cell holds a quote, comma or line break;
 * text cells that a spreadsheet would run as a formula (= + - @, tab, carriage return
 * first) get a leading apostrophe. Numbers are written as numbers, so a negative time
 * saved stays a number.
 */
import type { CsvRun } from '../../store/dashboard-csv';

export type CsvValue = string | number | Date | null;

const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : '';
  if (value instanceof Date) return value.toISOString();
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

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
  // Blank for a run that contained nothing (not 0: a spreadsheet would average it in).
  ['time_to_contain_s', (r) => (r.containedAt === null ? null : r.timeToContainSeconds)],
  ['approvals', (r) => r.approvals],
  ['human_wait_s', (r) => r.humanSeconds],
  ['baseline_min', (r) => r.baselineMinutes],
  ['time_saved_s', (r) => r.savedSeconds],
  ['error_step', (r) => r.errorStep],
  ['error_message', (r) => r.errorMessage],
];
