/**
 * The safety lists' CSV: its columns and its rows as entries. Every row is checked (list,
 * kind, value for the kind, criticality, a reason, lengths) before anything is stored,
 * each problem naming its row and column; the reader and the cell quoting are the asset
 * inventory's (`../csv-table`, `../assets/csv`).
 */
import { CriticalityName, SafetyKind, SafetyListName } from '@autonomic/api';
import type { SafetyEntryData, SafetyEntryRow } from '../../store/safety-entries';
import { csvLine } from '../assets/csv';
import { csvPath, csvRefused, readCsvTable } from '../csv-table';
import { normalizeValue, valueProblem } from './entry-value';

export const SAFETY_COLUMNS = ['list', 'kind', 'value', 'criticality', 'reason', 'owner'] as const;
type Column = (typeof SAFETY_COLUMNS)[number];

/** At most this many data rows per import. */
export const MAX_SAFETY_ROWS = 20_000;

export type ImportedEntry = Omit<SafetyEntryData, 'assetId'>;

const oneOf = (given: string, options: readonly string[]) => `"${given}" is not one of ${options.join(', ')}`;

/** Parses the CSV into entries, or throws a ValidationError listing every bad row and column. */
export function safetyEntriesFromCsv(text: string): ImportedEntry[] {
  const { rows, problems } = readCsvTable(text, SAFETY_COLUMNS, MAX_SAFETY_ROWS);
  const out: ImportedEntry[] = [];
  const seen = new Map<string, number>();
  for (const { row, cell } of rows) {
    const bad = (column: Column, message: string) => problems.push({ path: csvPath(row, column), message });
    const list = SafetyListName.safeParse(cell('list').toLowerCase());
    if (!list.success) bad('list', oneOf(cell('list'), SafetyListName.options));
    const kind = SafetyKind.safeParse(cell('kind').toLowerCase());
    if (!kind.success) bad('kind', oneOf(cell('kind'), SafetyKind.options));
    const raw = cell('value');
    const problem =
      raw === ''
        ? 'a value is required'
        : raw.length > 512
          ? 'longer than 512'
          : kind.success
            ? valueProblem(kind.data, raw)
            : undefined;
    if (problem) bad('value', problem);
    const crit = CriticalityName.safeParse((cell('criticality') || 'medium').toLowerCase());
    if (!crit.success) bad('criticality', oneOf(cell('criticality'), CriticalityName.options));
    const reason = cell('reason');
    if (reason === '') bad('reason', 'a reason is required');
    else if (reason.length > 500) bad('reason', 'longer than 500');
    const owner = cell('owner');
    if (owner.length > 128) bad('owner', 'longer than 128');
    if (!list.success || !kind.success || !crit.success || problem || reason === '') continue;
    const value = normalizeValue(kind.data, raw);
    const key = `${list.data}\u0000${kind.data}\u0000${value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      bad('value', `the same ${list.data} ${kind.data} as row ${first}`);
      continue;
    }
    seen.set(key, row);
    out.push({ list: list.data, kind: kind.data, value, criticality: crit.data, reason, owner: owner || null });
  }
  if (problems.length > 0) throw csvRefused(problems);
  return out;
}

/** The export: the header row, then one line per entry (formula-guarded, RFC 4180 quoted). */
export function* safetyEntriesToCsv(rows: readonly SafetyEntryRow[]): Generator<string> {
  yield csvLine([...SAFETY_COLUMNS]);
  for (const r of rows) yield csvLine([r.list, r.kind, r.value, r.criticality, r.reason, r.owner ?? '']);
}
