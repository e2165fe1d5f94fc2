/**
 * The asset CSV's columns and its rows as assets: every row checked (kind, value for the
 * kind, criticality, lengths, tags) before anything is stored, each problem naming its
 * row and column.
 */
import { AssetTag, CriticalityName, SafetyKind } from '@autonomic/api';
import { ValidationError } from '../../errors';
import type { AssetData, AssetRow } from '../../store/assets';
import { normalizeValue, valueProblem } from '../safety/entry-value';
import { csvLine, CsvSyntaxError, parseCsv, unguard } from './csv';

export const COLUMNS = ['kind', 'value', 'criticality', 'owner', 'business_service', 'tags'] as const;
type Column = (typeof COLUMNS)[number];

/** At most this many data rows per import (the body limit allows about as many). */
export const MAX_ROWS = 20_000;

interface Problem {
  path: string;
  message: string;
}

/** `body.csv.row 3.criticality`: the row counts data rows from 1 (the header is row 0). */
const at = (row: number, column: Column | 'header' | 'file') =>
  column === 'file' ? 'body.csv' : column === 'header' ? 'body.csv.header' : `body.csv.row ${row}.${column}`;

/** Parses the CSV into asset data, or throws a ValidationError listing every bad row and column. */
export function assetsFromCsv(text: string): AssetData[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw refused([{ path: at(0, 'file'), message: e.message }]);
    throw e;
  }
  const [header, ...data] = records;
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  if (names.length !== COLUMNS.length || names.some((n, i) => n !== COLUMNS[i])) {
    throw refused([{ path: at(0, 'header'), message: `the header row must be ${COLUMNS.join(',')}` }]);
  }
  if (data.length === 0) throw refused([{ path: at(0, 'file'), message: 'no data rows' }]);
  if (data.length > MAX_ROWS) throw refused([{ path: at(0, 'file'), message: `more than ${MAX_ROWS} rows` }]);
  const problems: Problem[] = [];
  const out: AssetData[] = [];
  const seen = new Map<string, number>();
  data.forEach((rec, i) => {
    const row = i + 1;
    const bad = (column: Column, message: string) => problems.push({ path: at(row, column), message });
    if (rec.fields.length !== COLUMNS.length) {
      problems.push({
        path: `body.csv.row ${row}`,
        message: `line ${rec.line} has ${rec.fields.length} fields, expected ${COLUMNS.length}`,
      });
      return;
    }
    const cell = (c: Column) => unguard(rec.fields[COLUMNS.indexOf(c)]?.trim() ?? '');
    const kind = SafetyKind.safeParse(cell('kind').toLowerCase());
    if (!kind.success) return void bad('kind', `"${cell('kind')}" is not one of ${SafetyKind.options.join(', ')}`);
    const raw = cell('value');
    const problem =
      raw === '' ? 'a value is required' : raw.length > 512 ? 'longer than 512' : valueProblem(kind.data, raw);
    if (problem) bad('value', problem);
    const crit = CriticalityName.safeParse((cell('criticality') || 'medium').toLowerCase());
    if (!crit.success)
      bad('criticality', `"${cell('criticality')}" is not one of ${CriticalityName.options.join(', ')}`);
    const owner = cell('owner');
    if (owner.length > 128) bad('owner', 'longer than 128');
    const service = cell('business_service');
    if (service.length > 200) bad('business_service', 'longer than 200');
    const tags: string[] = [];
    for (const t of cell('tags')
      .split(';')
      .map((x) => x.trim())
      .filter((x) => x !== '')) {
      const r = AssetTag.safeParse(t);
      if (r.success) tags.push(r.data);
      else bad('tags', `"${t}": ${r.error.issues[0]?.message ?? 'not a tag'}`);
    }
    if (tags.length > 50) bad('tags', 'more than 50 tags');
    if (problem || !crit.success) return;
    const value = normalizeValue(kind.data, raw);
    const key = `${kind.data}\u0000${value}`;
    const first = seen.get(key);
    if (first !== undefined) return void bad('value', `the same ${kind.data} as row ${first}`);
    seen.set(key, row);
    out.push({
      kind: kind.data,
      value,
      criticality: crit.data,
      owner: owner || null,
      businessService: service || null,
      tags: [...new Set(tags)],
    });
  });
  if (problems.length > 0) throw refused(problems);
  return out;
}

function refused(problems: Problem[]): ValidationError {
  const first = problems[0];
  const shown = problems.slice(0, 50);
  return new ValidationError(
    `CSV refused, nothing imported: ${first ? `${first.path}: ${first.message}` : 'invalid'}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
    shown,
  );
}

/** The export: the header row, then one line per asset (formula-guarded, RFC 4180 quoted). */
export function* assetsToCsv(rows: readonly AssetRow[]): Generator<string> {
  yield csvLine([...COLUMNS]);
  for (const r of rows)
    yield csvLine([r.kind, r.value, r.criticality, r.owner ?? '', r.businessService ?? '', r.tags.join(';')]);
}
