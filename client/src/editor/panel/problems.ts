/**
 * Placing the validator's problems (`params.url`, `params.escalation.0.after`) under the
 * field that draws that path, or under its nearest drawn ancestor.
 */
import { asSchema, fieldKind, isRecord, nonNullOf, propertiesOf, resolveRef, type JsonSchema } from './schema';

export type Path = ReadonlyArray<string | number>;

export interface PanelProblem {
  path: string;
  message: string;
}

/** The validator's spelling of a path. */
export const pathKey = (path: Path): string => path.join('.');

/**
 * Every path the form draws a field for, walking schema and value the way the fields do:
 * each property of an object (present or not), each key of a record, each item of a list.
 */
export function drawnPaths(root: JsonSchema, schema: JsonSchema, value: unknown, base: Path): Set<string> {
  const out = new Set<string>();
  const visit = (raw: JsonSchema, v: unknown, path: Path, depth: number) => {
    out.add(pathKey(path));
    if (depth > 20) return;
    const s = resolveRef(root, raw);
    const kind = fieldKind(s);
    if (kind === 'nullable') {
      const inner = nonNullOf(s);
      if (inner && v !== null && v !== undefined) visit(inner, v, path, depth + 1);
    } else if (kind === 'object' && (isRecord(v) || path.length === base.length)) {
      const obj = isRecord(v) ? v : {};
      for (const [k, p] of propertiesOf(s)) visit(p, obj[k], [...path, k], depth + 1);
    } else if (kind === 'record' && isRecord(v)) {
      const item = asSchema(s['additionalProperties']);
      for (const [k, child] of Object.entries(v)) visit(item, child, [...path, k], depth + 1);
    } else if (kind === 'list' && Array.isArray(v)) {
      const item = asSchema(s['items']);
      v.forEach((child, i) => visit(item, child, [...path, i], depth + 1));
    }
  };
  visit(schema, value, base, 0);
  return out;
}

export interface PlacedProblems {
  /** Drawn path → the messages to show under it. */
  at: Map<string, string[]>;
  /** Problems of this form with no field of their own (e.g. an unknown key): shown on top. */
  general: string[];
}

/**
 * Problems of the form rooted at `base` (others are ignored), each put under the deepest
 * drawn path that is the problem's path or an ancestor of it.
 */
export function placeProblems(
  problems: readonly PanelProblem[],
  drawn: ReadonlySet<string>,
  base: Path,
): PlacedProblems {
  const at = new Map<string, string[]>();
  const general: string[] = [];
  const baseKey = pathKey(base);
  const mine = (p: string) =>
    base.length === 0
      ? [...drawn].some((d) => d !== '' && (p === d || p.startsWith(`${d}.`)))
      : p === baseKey || p.startsWith(`${baseKey}.`);
  for (const { path, message } of problems) {
    if (!mine(path)) continue;
    let best: string | undefined;
    for (const d of drawn)
      if (d !== baseKey && (path === d || path.startsWith(`${d}.`)) && (best === undefined || d.length > best.length))
        best = d;
    if (best === undefined) general.push(message);
    else at.set(best, [...(at.get(best) ?? []), message]);
  }
  return { at, general };
}

const ACRONYMS = new Set(['ip', 'url', 'uri', 'id', 'api', 'dns', 'cidr', 'http', 'ttl']);
const segmentWords = (s: string) =>
  /^\d+$/.test(s)
    ? `item ${Number(s) + 1}`
    : s
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/[_-]+/g, ' ')
        .split(' ')
        .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()))
        .join(' ');

/**
 * Where in a node a problem is, in words for the Problems list (the path itself stays for
 * focusing the field): `params.escalation.0.after` → "escalation › item 1 › after",
 * `transitions.true` → "the “true” connection", `params.input.ipAddress` → "input › IP address".
 */
export function pathWords(path: string): string {
  if (path === '') return '';
  const parts = path.split('.');
  if (parts[0] === 'transitions' && parts[1] !== undefined) return `the “${parts[1]}” connection`;
  const rest = parts[0] === 'params' || parts[0] === 'metadata' ? parts.slice(1) : parts;
  return rest.map(segmentWords).join(' › ');
}
