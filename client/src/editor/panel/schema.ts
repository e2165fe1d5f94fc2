/**
 * Reading the JSON Schema that `paramsJsonSchema` (zod's `toJSONSchema`) produces: which
 * field draws a property, what a fresh value looks like, and how a label and a hint read.
 */

export type JsonSchema = Readonly<Record<string, unknown>>;

/** How a schema is edited. */
export type FieldKind =
  'text' | 'enum' | 'number' | 'boolean' | 'object' | 'record' | 'list' | 'enumList' | 'scalar' | 'nullable' | 'json';

export const SCALAR_TYPES = ['string', 'number', 'boolean', 'null'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asSchema(v: unknown): JsonSchema {
  return isRecord(v) ? v : {};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Follows a local `$ref` (`#/$defs/…`) against the root schema, keeping the referrer's own keys. */
export function resolveRef(root: JsonSchema, s: JsonSchema): JsonSchema {
  const ref = str(s['$ref']);
  if (!ref) return s;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const defs = m ? asSchema(root[m[1] ?? '']) : {};
  const target = m ? asSchema(defs[decodeURIComponent(m[2] ?? '')]) : {};
  const { $ref: _ref, ...own } = s;
  return { ...target, ...own };
}

function branches(s: JsonSchema): JsonSchema[] | undefined {
  const list = Array.isArray(s['anyOf']) ? s['anyOf'] : Array.isArray(s['oneOf']) ? s['oneOf'] : undefined;
  return list?.map(asSchema);
}

const isNull = (s: JsonSchema) => s['type'] === 'null' || s['const'] === null;

/** The values of an `enum`, a `const`, or an `anyOf` of them; undefined when not a choice. */
export function enumValues(s: JsonSchema): unknown[] | undefined {
  if (Array.isArray(s['enum'])) return s['enum'];
  if ('const' in s) return [s['const']];
  const bs = branches(s);
  if (bs && bs.length > 0 && bs.every((b) => Array.isArray(b['enum']) || 'const' in b))
    return bs.flatMap((b) => enumValues(b) ?? []);
  return undefined;
}

/** For a nullable schema (`anyOf [X, null]`, `type: [X, 'null']`): X, with the outer help and default. */
export function nonNullOf(s: JsonSchema): JsonSchema | undefined {
  const { anyOf: _a, oneOf: _o, type, ...outer } = s;
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== 'null');
    return rest.length === 1 && rest.length < type.length ? { ...outer, type: rest[0] } : undefined;
  }
  const bs = branches(s);
  if (!bs) return undefined;
  const rest = bs.filter((b) => !isNull(b));
  return rest.length === 1 && rest.length < bs.length ? { ...outer, ...rest[0] } : undefined;
}

export function fieldKind(s: JsonSchema): FieldKind {
  if (nonNullOf(s)) return 'nullable';
  if (enumValues(s)) return 'enum';
  const type = s['type'];
  if (Array.isArray(type)) return type.every((t) => SCALAR_TYPES.some((x) => x === t)) ? 'scalar' : 'json';
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object': {
      const props = asSchema(s['properties']);
      return Object.keys(props).length === 0 && isRecord(s['additionalProperties']) ? 'record' : 'object';
    }
    case 'array':
      return enumValues(asSchema(s['items'])) ? 'enumList' : 'list';
    default:
      return 'json';
  }
}

export function propertiesOf(s: JsonSchema): [string, JsonSchema][] {
  return Object.entries(asSchema(s['properties'])).map(([k, v]) => [k, asSchema(v)]);
}

export function requiredOf(s: JsonSchema): Set<string> {
  const r = s['required'];
  return new Set(Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : []);
}

/** A value to start a new item or an optional group with: defaults, first choices, empty text. */
export function defaultFor(s: JsonSchema, depth = 0): unknown {
  if ('default' in s) return structuredClone(s['default']);
  if (depth > 8) return undefined;
  const kind = fieldKind(s);
  switch (kind) {
    case 'enum':
      return enumValues(s)?.[0];
    case 'text':
    case 'scalar':
      return '';
    case 'number':
      return num(s['minimum']) ?? 0;
    case 'boolean':
      return false;
    case 'list':
    case 'enumList':
      return [];
    case 'record':
      return {};
    case 'nullable':
      return null;
    case 'object': {
      const required = requiredOf(s);
      const out: Record<string, unknown> = {};
      // Defaults are written out too: a new escalation level says `breakGlass: true` where a reviewer sees it.
      for (const [k, p] of propertiesOf(s)) if (required.has(k) || 'default' in p) out[k] = defaultFor(p, depth + 1);
      return out;
    }
    default:
      return undefined;
  }
}

const WORDS: Record<string, string> = { ip: 'IP', url: 'URL', id: 'ID', http: 'HTTP', ms: '(ms)', json: 'JSON' };

/** `expectStatus` → "Expect status", `maxDelayMs` → "Max delay (ms)", `ip` → "IP". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Cases" → "Case", "Users" → "User"; "Status" and "Escalation" stay. */
export function singular(label: string): string {
  return /[^su]s$/i.test(label) ? label.slice(0, -1) : label;
}

export function labelOf(name: string, s: JsonSchema): string {
  return str(s['title']) ?? humanise(name);
}

/** The schema's own words: `help`, else `description`. */
export function helpOf(s: JsonSchema): string | undefined {
  return str(s['help']) ?? str(s['description']);
}

const fmt = (n: number) => n.toLocaleString('en');

/** What the constraints say, for the fields whose schema gives no help of its own. */
export function constraintHint(s: JsonSchema, kind: FieldKind): string | undefined {
  const parts: string[] = [];
  const min = num(s['minimum']);
  const max = num(s['maximum']);
  if (kind === 'number') {
    const whole = s['type'] === 'integer' ? 'A whole number' : 'A number';
    if (min !== undefined && max !== undefined) parts.push(`${whole} from ${fmt(min)} to ${fmt(max)}`);
    else if (min !== undefined) parts.push(`${whole}, at least ${fmt(min)}`);
    else if (max !== undefined) parts.push(`${whole}, at most ${fmt(max)}`);
    else parts.push(whole);
  }
  if (kind === 'text' && s['widget'] === undefined) {
    const maxLength = num(s['maxLength']);
    const pattern = str(s['pattern']);
    if (pattern) parts.push(`Must match ${pattern}`);
    else if (maxLength !== undefined) parts.push(`Up to ${fmt(maxLength)} characters`);
    else parts.push('Text');
  }
  if (kind === 'enum') parts.push(`One of: ${(enumValues(s) ?? []).map(String).join(', ')}`);
  if (kind === 'list' || kind === 'enumList' || kind === 'record') {
    const maxItems = num(s['maxItems']);
    const minItems = num(s['minItems']);
    if (minItems) parts.push(`At least ${fmt(minItems)}`);
    if (maxItems !== undefined) parts.push(`up to ${fmt(maxItems)}`);
  }
  if (kind === 'boolean') parts.push('Tick for yes');
  if (kind === 'scalar') parts.push('Text, a number, true/false or null');
  if (kind === 'json') parts.push('A JSON value');
  if (parts.length === 0) return undefined;
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

const WIDGET_HINTS: Record<string, string> = {
  expression: 'A JSONata expression over event, steps.<id>.output and vars; type a path or $ for suggestions.',
  template: 'Text; put JSONata in {{ }}, e.g. {{ event.ip }}. Type inside the braces for suggestions.',
  secret: 'The name of a stored secret (never the value).',
  duration: 'A duration: 30s, 15m, 4h, 2d (also ms).',
};

/** The inline help of a field: the schema's words, the widget's usage and the constraints. */
export function helpText(s: JsonSchema, kind: FieldKind): string | undefined {
  const widget = str(s['widget']);
  const words = helpOf(s);
  const own = words && !/[.!?:)]$/.test(words) ? `${words}.` : words;
  const usage = widget ? WIDGET_HINTS[widget] : undefined;
  // A range stays useful next to the schema's words; a regex or the list of options does not.
  const hint = usage ?? (own && kind !== 'number' ? undefined : constraintHint(s, kind));
  const text = [own, hint].filter(Boolean).join(' ');
  return text === '' ? undefined : text;
}
