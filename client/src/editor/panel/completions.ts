/**
 * Completion sources for expression fields, as pure functions the panel host calls with
 * what it knows: the trigger's input schema, the upstream steps and their outputs.
 */
import { nodeDefinition } from '@autonomic/workflow';
import type { CompletionItem } from '../contracts';
import { asSchema, enumValues, isRecord, type JsonSchema } from './schema';

const MAX_DEPTH = 6;
const MAX_PATHS = 500;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A path segment as JSONata reads it: `ip`, or `` `x-forwarded-for` `` for other names. */
export function segment(name: string): string {
  return IDENT.test(name) ? name : `\`${name.replaceAll('`', '')}\``;
}

function typeOf(s: JsonSchema): string {
  const t = s['type'];
  const base = Array.isArray(t) ? t.join(' | ') : typeof t === 'string' ? t : enumValues(s) ? 'enum' : 'any';
  if (base === 'array') {
    const items = asSchema(s['items']);
    return `array of ${typeOf(items)}`;
  }
  const format = typeof s['format'] === 'string' ? ` (${s['format']})` : '';
  return base + format;
}

function describe(s: JsonSchema): string {
  const d = typeof s['description'] === 'string' ? ` — ${s['description']}` : '';
  return typeOf(s) + d;
}

/**
 * `event` and every dotted path the trigger's input schema declares, with its type as
 * detail. Arrays contribute their items' fields (JSONata maps a path over an array).
 * @example eventPaths({ type: 'object', properties: { ip: { type: 'string', format: 'ipv4' } } })
 * // [{ path: 'event', detail: 'object' }, { path: 'event.ip', detail: 'string (ipv4)' }]
 */
export function eventPaths(inputSchema: unknown): CompletionItem[] {
  const out: CompletionItem[] = [];
  const visit = (s: JsonSchema, path: string, depth: number) => {
    if (out.length >= MAX_PATHS) return;
    out.push({ path, detail: describe(s) });
    if (depth >= MAX_DEPTH) return;
    const holder = s['type'] === 'array' ? asSchema(s['items']) : s;
    for (const [name, child] of Object.entries(asSchema(holder['properties'])))
      visit(asSchema(child), `${path}.${segment(name)}`, depth + 1);
  };
  visit({ type: 'object', ...asSchema(inputSchema) }, 'event', 0);
  return out;
}

function valueType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length > 0 ? `array of ${valueType(v[0])}` : 'array';
  return typeof v;
}

function sample(v: unknown): string {
  if (v === null || typeof v === 'object') return '';
  const text = JSON.stringify(v);
  return `, e.g. ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
}

/**
 * Dotted paths into a value, with each one's type (and a sample for scalars) as detail;
 * arrays are walked through their first element.
 */
export function valuePaths(root: string, value: unknown): CompletionItem[] {
  const out: CompletionItem[] = [];
  const visit = (v: unknown, path: string, depth: number) => {
    if (out.length >= MAX_PATHS) return;
    out.push({ path, detail: valueType(v) + sample(v) });
    if (depth >= MAX_DEPTH) return;
    const holder = Array.isArray(v) ? v[0] : v;
    if (isRecord(holder))
      for (const [k, child] of Object.entries(holder)) visit(child, `${path}.${segment(k)}`, depth + 1);
  };
  visit(value, root, 0);
  return out;
}

/**
 * A step's output paths, from a given sample output or else the catalogue's
 * `exampleOutput` for its type (just `output` when neither exists). Paths start at
 * `output`; with `stepId` they start at `steps.<stepId>.output`, ready for completion.
 * @example outputPaths('http', undefined, 'enrich_ip')
 * // steps.enrich_ip.output, steps.enrich_ip.output.status, …headers, …body
 */
export function outputPaths(nodeType: string, sampleOutput?: unknown, stepId?: string): CompletionItem[] {
  const root = stepId === undefined ? 'output' : `steps.${segment(stepId)}.output`;
  const value = sampleOutput === undefined ? nodeDefinition(nodeType)?.exampleOutput : sampleOutput;
  if (value === undefined) return [{ path: root, detail: 'output (no example)' }];
  return valuePaths(root, value);
}

/**
 * The items that complete `prefix` (case-insensitive), shallowest and shortest first;
 * an item equal to the prefix is left out, since there is nothing left to complete.
 */
export function filterCompletions(items: readonly CompletionItem[], prefix: string, limit = 50): CompletionItem[] {
  const p = prefix.toLowerCase();
  const seen = new Set<string>();
  const depth = (s: string) => s.split('.').length;
  return items
    .filter((i) => i.path !== prefix && i.path.toLowerCase().startsWith(p) && !seen.has(i.path) && seen.add(i.path))
    .sort((a, b) => depth(a.path) - depth(b.path) || a.path.length - b.path.length || a.path.localeCompare(b.path))
    .slice(0, limit);
}
