/**
 * The asset CSV's columns and its rows as assets: every row checked (kind, value for the
 * kind, criticality, lengths, tags) before anything is stored, each problem naming its
 * row and column.
 */
import { AssetTag, CriticalityName, SafetyKind } from '@autonomic/api';
import type { AssetData, AssetRow } from '../../store/assets';
import { normalizeValue, valueProblem } from '../safety/entry-value';
import { csvPath, csvRefused, readCsvTable } from '../csv-table';
import { csvLine } from './csv';

export const COLUMNS = ['kind', 'value', 'criticality', 'owner', 'business_service', 'tags'] as const;
type Column = (typeof COLUMNS)[number];

/** At most this many data rows per import (the body limit allows about as many). */
export const MAX_ROWS = 20_000;

/** Parses the CSV into asset data, or throws a ValidationError listing every bad row and column. */
export function assetsFromCsv(text: string): AssetData[] {
  const { rows, problems } = readCsvTable(text, COLUMNS, MAX_ROWS);
  const out: AssetData[] = [];
  const seen = new Map<string, number>();
  for (const { row, cell } of rows) {
    const bad = (column: Column, message: string) => problems.push({ path: csvPath(row, column), message });
    const kind = SafetyKind.safeParse(cell('kind').toLowerCase());
    if (!kind.success) {
      bad('kind', `"${cell('kind')}" is not one of ${SafetyKind.options.join(', ')}`);
      continue;
    }
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
    if (problem || !crit.success) continue;
    const value = normalizeValue(kind.data, raw);
    const key = `${kind.data}\u0000${value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      bad('value', `the same ${kind.data} as row ${first}`);
      continue;
    }
    seen.set(key, row);
    out.push({
      kind: kind.data,
      value,
      criticality: crit.data,
      owner: owner || null,
      businessService: service || null,
      tags: [...new Set(tags)],
    });
  }
  if (problems.length > 0) throw csvRefused(problems);
  return out;
}

/** The export: the header row, then one line per asset (formula-guarded, RFC 4180 quoted). */
export function* assetsToCsv(rows: readonly AssetRow[]): Generator<string> {
  yield csvLine([...COLUMNS]);
  for (const r of rows)
    yield csvLine([r.kind, r.value, r.criticality, r.owner ?? '', r.businessService ?? '', r.tags.join(';')]);
}
