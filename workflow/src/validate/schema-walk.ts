import { z } from 'zod';
import type { NodeDefinition } from '../nodes';
import { isRecord } from '../problem';
import { Re2RegExp } from '../regex';

/** A value the schema marks with a `widget` (`expression`, `template`, …), and where it is. */
export interface WidgetField {
  path: Array<string | number>;
  widget: string;
  value: unknown;
  /** The schema's `maxLength`, when it gives one: longer values are the schema's problem. */
  maxLength: number | undefined;
}

const MAX_SCHEMA_DEPTH = 200;

type Path = Array<string | number>;

interface Walk {
  root: unknown;
  fields: Map<string, WidgetField>;
}

function resolve(ctx: Walk, ref: string): unknown {
  if (ref === '#') return ctx.root;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const defs = m && isRecord(ctx.root) ? ctx.root[m[1] ?? ''] : undefined;
  return m && isRecord(defs) ? defs[decodeURIComponent(m[2] ?? '')] : undefined;
}

function walk(ctx: Walk, s: unknown, v: unknown, path: Path, depth: number): void {
  if (!isRecord(s) || depth > MAX_SCHEMA_DEPTH) return;
  if (typeof s['$ref'] === 'string') walk(ctx, resolve(ctx, s['$ref']), v, path, depth + 1);
  const widget = s['widget'];
  if (typeof widget === 'string') {
    const key = path.join('\u0000');
    const maxLength = typeof s['maxLength'] === 'number' ? s['maxLength'] : undefined;
    if (!ctx.fields.has(key)) ctx.fields.set(key, { path, widget, value: v, maxLength });
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    const branches = s[combinator];
    if (Array.isArray(branches)) for (const b of branches) walk(ctx, b, v, path, depth + 1);
  }
  if (isRecord(v)) walkObject(ctx, s, v, path, depth);
  else if (Array.isArray(v)) walkArray(ctx, s, v, path, depth);
}

function walkObject(ctx: Walk, s: Record<string, unknown>, v: Record<string, unknown>, path: Path, depth: number) {
  const props = isRecord(s['properties']) ? s['properties'] : {};
  const patterns = isRecord(s['patternProperties']) ? Object.entries(s['patternProperties']) : [];
  for (const [k, child] of Object.entries(v)) {
    const at = [...path, k];
    if (Object.hasOwn(props, k)) {
      walk(ctx, props[k], child, at, depth + 1);
      continue;
    }
    const matching = patterns.filter(([p]) => safeRegExp(p)?.test(k));
    for (const [, ps] of matching) walk(ctx, ps, child, at, depth + 1);
    if (matching.length === 0) walk(ctx, s['additionalProperties'], child, at, depth + 1);
  }
}

function walkArray(ctx: Walk, s: Record<string, unknown>, v: unknown[], path: Path, depth: number) {
  const tuple = Array.isArray(s['items']); // draft-07 tuples: `items` is a list, the rest `additionalItems`
  const prefix = Array.isArray(s['prefixItems']) ? s['prefixItems'] : Array.isArray(s['items']) ? s['items'] : [];
  const rest = tuple ? s['additionalItems'] : s['items'];
  v.forEach((item, i) => walk(ctx, i < prefix.length ? prefix[i] : rest, item, [...path, i], depth + 1));
}

/**
 * Every value of `value` whose JSON Schema carries a `widget`. The schema and the value
 * are walked together (properties, patternProperties, additionalProperties, items,
 * prefixItems, allOf/anyOf/oneOf, $ref into $defs), so a new node type's expression
 * and template fields are found without touching the validator.
 */
export function widgetFields(schema: unknown, value: unknown): WidgetField[] {
  const ctx: Walk = { root: schema, fields: new Map() };
  walk(ctx, schema, value, [], 0);
  return [...ctx.fields.values()];
}

const regexps = new Map<string, Re2RegExp | undefined>();

function safeRegExp(source: string): Re2RegExp | undefined {
  if (!regexps.has(source)) {
    try {
      regexps.set(source, new Re2RegExp(source, 'u'));
    } catch {
      regexps.set(source, undefined);
    }
  }
  return regexps.get(source);
}

const schemas = new WeakMap<NodeDefinition, unknown>();

/**
 * The input JSON Schema of a node type's params, computed once per type: converting
 * a zod schema costs far more than walking it.
 */
export function paramsJsonSchema(def: NodeDefinition): unknown {
  if (!schemas.has(def)) {
    let schema: unknown;
    try {
      schema = z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' });
    } catch {
      schema = undefined; // a type zod cannot describe has no fields to check
    }
    schemas.set(def, schema);
  }
  return schemas.get(def);
}
