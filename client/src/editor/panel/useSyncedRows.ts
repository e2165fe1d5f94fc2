import { useState } from 'react';
import { isRecord } from './schema';

let nextRowId = 1;

/** A fresh id for a row that React keeps across edits (a key/value row, a schema field). */
export const rowId = (): number => nextRowId++;

/**
 * Rows edited locally (a row may have no name yet, or a duplicate one) but reset from the
 * value whenever the value stops being what the rows say (undo, another node selected).
 */
export function useSyncedRows<R, V>(
  value: V,
  toRows: (value: V) => R[],
  matches: (rows: R[], value: V) => boolean,
): [R[], (rows: R[]) => void] {
  const [rows, setRows] = useState(() => toRows(value));
  if (!matches(rows, value)) {
    const fresh = toRows(value);
    setRows(fresh);
    return [fresh, setRows];
  }
  return [rows, setRows];
}

/** Plain data equality for JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}
