/**
 * OpenAPI schemas as the JSON Schemas a connector definition holds: self-contained (every
 * internal `$ref` inlined, a recursive one cut where it comes back, so the result is plain
 * finite JSON the database stores and one shared ajv compiles without `$id`s or `$defs`),
 * OpenAPI 3.0's `nullable`, boolean `exclusiveMinimum` and `example` turned into their JSON
 * Schema 2020-12 forms, keywords ajv does not know left out, and patterns RE2 cannot run
 * dropped with a note. Plus an example answer generated from a schema. Pure.
 */
import { Re2RegExp } from '@autonomic/workflow';
import { at, isObject, pointAt, type JsonObject, type OpenApiDocument } from './openapi-document';

/** Notes of one operation: what was approximated, each said once. */
export type Notes = Set<string>;

/** JSON Schema keywords kept as they are (values are not schemas). */
const PLAIN = new Set([
  'type',
  'enum',
  'const',
  'title',
  'description',
  'default',
  'examples',
  'multipleOf',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentMediaType',
  'contentEncoding',
]);
/** Keywords whose value is one schema. */
const ONE = ['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else'];
/** Keywords whose value is a list of schemas. */
const MANY = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value maps names to schemas. */
const MAP = ['properties', 'patternProperties', 'dependentSchemas'];
/** Formats ajv-formats checks; others are annotations ajv would warn about, so they are left out. */
const FORMATS = new Set(
  'date time date-time iso-time iso-date-time duration uri uri-reference uri-template url email hostname ipv4 ipv6 regex uuid json-pointer json-pointer-uri-fragment relative-json-pointer byte int32 int64 float double password binary'.split(
    ' ',
  ),
);

/** How deep a converted schema may nest before the rest accepts any value. */
const MAX_DEPTH = 16;
/** The most nodes one converted schema may have (a document of many shared refs could explode). */
const MAX_NODES = 5_000;

const refName = (ref: string) => ref.replace(/^#\/components\/schemas\//, '');

function usablePattern(pattern: string): boolean {
  try {
    new Re2RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * A self-contained JSON Schema of `node` (found at `path`), noting in `notes` where it
 * was approximated (a recursive reference cut, a pattern dropped, a schema too deep).
 */
export function toJsonSchema(
  doc: OpenApiDocument,
  node: unknown,
  path: readonly (string | number)[],
  notes: Notes,
): JsonObject {
  let count = 0;
  const convert = (n: unknown, where: readonly (string | number)[], refs: readonly string[], level = 0): JsonObject => {
    if (n === true || n === undefined) return {};
    if (n === false) return { not: {} };
    if (!isObject(n)) return {};
    if (++count > MAX_NODES) {
      if (count === MAX_NODES + 1)
        notes.add(`the schema at ${at(path)} is very large: its parts beyond ${MAX_NODES} accept any value`);
      return {};
    }
    if (refs.length > MAX_DEPTH || level > MAX_DEPTH * 2) {
      notes.add(`the schema at ${at(where)} nests deeper than ${MAX_DEPTH} levels: deeper parts accept any value`);
      return {};
    }
    const ref = n['$ref'];
    if (typeof ref === 'string') {
      if (refs.includes(ref)) {
        notes.add(
          `the recursive schema ${refName(ref)} is cut where it refers to itself: from there any value is accepted`,
        );
        return {};
      }
      const target = pointAt(doc.root, ref);
      if (target === undefined) {
        notes.add(`${ref} (at ${at(where)}) points at nothing: any value is accepted there`);
        return {};
      }
      const resolved = convert(target, [ref], [...refs, ref], level + 1);
      // 3.1 lets a $ref have sibling keywords (both apply); 3.0 ignores them.
      const siblings = Object.keys(n).filter((k) => k !== '$ref' && k !== 'summary');
      if (doc.dialect === '3.0' || siblings.length === 0) return resolved;
      const rest = convert(Object.fromEntries(siblings.map((k) => [k, n[k]])), where, [...refs, `${ref}+`], level + 1);
      return { ...resolved, ...rest };
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(n)) {
      if (PLAIN.has(k)) out[k] = typeof v === 'string' && k === 'description' ? v.slice(0, 500) : v;
      else if (k === 'format' && typeof v === 'string' && FORMATS.has(v)) out[k] = v;
      else if (k === 'pattern' && typeof v === 'string') {
        if (usablePattern(v)) out[k] = v;
        else notes.add(`the pattern at ${at([...where, k])} is not one the server runs (RE2): it is not checked`);
      } else if (ONE.includes(k)) out[k] = convert(v, [...where, k], refs, level + 1);
      else if (MANY.includes(k) && Array.isArray(v))
        out[k] = v.map((s, i) => convert(s, [...where, k, i], refs, level + 1));
      else if (MAP.includes(k) && isObject(v)) {
        out[k] = Object.fromEntries(
          Object.entries(v).map(([name, s]) => [name, convert(s, [...where, k, name], refs, level + 1)]),
        );
      } else if (k === 'example' && doc.dialect === '3.0' && out['examples'] === undefined) out['examples'] = [v];
    }
    if (doc.dialect === '3.0') openApi30(n, out);
    if (Array.isArray(out['required']) && out['required'].length === 0) delete out['required'];
    return out;
  };
  return convert(node, path, []);
}

/** OpenAPI 3.0's own forms: `nullable: true` and boolean `exclusiveMinimum`/`exclusiveMaximum`. */
function openApi30(source: JsonObject, out: JsonObject): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  if (source['nullable'] !== true) return;
  if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
}

/** The JSON Schema type a schema names first (other than null), if any. */
export function typeOf(schema: JsonObject): string | undefined {
  const t = schema['type'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  if (isObject(schema['properties'])) return 'object';
  return undefined;
}

const STRINGS: Record<string, string> = {
  date: '2026-01-15',
  time: '08:30:00Z',
  'date-time': '2026-01-15T08:30:00Z',
  'iso-date-time': '2026-01-15T08:30:00Z',
  duration: 'PT1H',
  uri: 'https://example.com/item/1',
  url: 'https://example.com/item/1',
  'uri-reference': '/item/1',
  email: 'analyst@example.com',
  hostname: 'host.example.com',
  ipv4: '203.0.113.9',
  ipv6: '2001:db8::9',
  uuid: '3f6c1e2a-8b4d-4f7e-9a1b-2c3d4e5f6a7b',
  byte: 'ZXhhbXBsZQ==',
};

/** A value that fits `schema`, as far as a generator can tell (a `pattern` is not honoured). */
export function exampleOf(schema: JsonObject, depth = 0): unknown {
  if (depth > 60) return null;
  const examples = schema['examples'];
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  if ('default' in schema) return schema['default'];
  const all = schema['allOf'];
  if (Array.isArray(all) && all.length > 0) {
    const parts = all.filter(isObject).map((s) => exampleOf(s, depth + 1));
    if (parts.every(isObject)) return Object.assign({}, ...parts, objectExample(schema, depth));
    return parts[0];
  }
  for (const k of ['oneOf', 'anyOf']) {
    const list = schema[k];
    const first = Array.isArray(list) ? list.find(isObject) : undefined;
    if (first) return exampleOf(first, depth + 1);
  }
  switch (typeOf(schema)) {
    case 'object':
      return objectExample(schema, depth);
    case 'array': {
      const items = isObject(schema['items']) ? schema['items'] : {};
      const n = Math.max(1, typeof schema['minItems'] === 'number' ? schema['minItems'] : 1);
      return Array.from({ length: Math.min(n, 5) }, () => exampleOf(items, depth + 1));
    }
    case 'string': {
      const known = STRINGS[String(schema['format'])];
      if (known) return known;
      const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
      const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 100;
      return 'example'.padEnd(min, 'x').slice(0, Math.max(max, min));
    }
    case 'integer':
    case 'number':
      return numberExample(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return isObject(schema['properties']) ? objectExample(schema, depth) : null;
  }
}

/** An object's example: every property near the top, only the required ones deeper down (keeps it small). */
function objectExample(schema: JsonObject, depth: number): JsonObject {
  const props = isObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'] : []);
  const out: JsonObject = {};
  for (const [name, s] of Object.entries(props).slice(0, 40)) {
    if (depth >= 3 && !required.has(name)) continue;
    if (isObject(s) && s['writeOnly'] !== true)
      Object.defineProperty(out, name, {
        value: exampleOf(s, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

function numberExample(schema: JsonObject): number {
  const num = (k: string): number | undefined => {
    const v = schema[k];
    return typeof v === 'number' ? v : undefined;
  };
  const step = num('multipleOf') ?? 1;
  const above = num('exclusiveMinimum');
  const below = num('exclusiveMaximum');
  const low = num('minimum') ?? (above !== undefined ? above + step : 1);
  const high = num('maximum') ?? (below !== undefined ? below - step : low);
  const value = Math.min(Math.max(low, 1), Math.max(high, low));
  return Math.ceil(value / step) * step;
}
