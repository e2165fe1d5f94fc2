import type { ValueChange } from './types';

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values; key order does not matter, an absent key equals `undefined`. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) return unionKeys(a, b).every((k) => jsonEqual(a[k], b[k]));
  return false;
}

function unionKeys(a: JsonObject, b: JsonObject): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

const PLAIN_KEY = /^[^.[\]"]+$/;

/** Appends a segment to a dotted path; odd keys are quoted so the path stays unambiguous. */
export function joinPath(base: string, key: string): string {
  const segment = PLAIN_KEY.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (base === '') return segment;
  return segment.startsWith('[') ? `${base}${segment}` : `${base}.${segment}`;
}

/**
 * The leaves that differ between two JSON values, in key order at every level.
 *
 * Arrays of objects of equal length are compared element by element (an escalation
 * level's `after` changing is one line); any other array is one value, because an
 * index-wise diff of `["reviewer"]` → `["admin", "reviewer"]` would report two
 * misleading changes where a reviewer wants to see the two lists.
 */
export function diffValues(before: unknown, after: unknown, base = ''): ValueChange[] {
  const out: ValueChange[] = [];
  walk(before, after, base, out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: ValueChange[]): void {
  if (jsonEqual(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const k of unionKeys(a, b)) walk(a[k], b[k], joinPath(path, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && [...a, ...b].some(isObject)) {
    a.forEach((x, i) => walk(x, b[i], joinPath(path, String(i)), out));
    return;
  }
  out.push({ path, before: a, after: b });
}
