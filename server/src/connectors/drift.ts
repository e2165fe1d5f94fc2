/**
 * Drift detection: how a vendor's live answer differs from the action's declared response
 * schema, as a short list of findings — a field gone (`missing`), a field the schema does
 * not declare (`new`), a value of another JSON type (`type`). Pure and bounded (items per
 * array, findings per answer, depth), so it can run on every answer. It is not the schema
 * check: an answer may drift benignly (a new field) and still pass; what fails the step is
 * only what fails `checkAnswer`. Samples are the offending value's shape with every value
 * masked: vendor data (personal data included) never leaves this module.
 */
import { isCredentialHeader, REDACTED } from '@autonomic/workflow';
import { scrubText } from '../adapters/redact';

export type DriftKind = 'missing' | 'new' | 'type';

export interface DriftFinding {
  kind: DriftKind;
  /** A JSON Pointer into the answer; array items are `*` (`/resources/* /device_id`, without the space). */
  path: string;
  /** The declared JSON type(s) (`integer`, `string|null`, `enum of string`); `undeclared` for a new field. */
  expected: string;
  /** The JSON type seen; `absent` for a missing field. */
  actual: string;
  /** Whether the schema requires the missing field (only for `missing`). */
  required?: boolean;
  /** The offending value (new, type); kept raw here and masked by `redactedSample` before it is stored. */
  value?: unknown;
}

/** A finding as it may leave the process: the value replaced by its masked shape. */
export interface RedactedFinding extends Omit<DriftFinding, 'value'> {
  sample: unknown;
}

/** What a client reports for one answer that drifted. */
export interface DriftEvent {
  connectorId: string;
  version: string;
  action: string;
  /** Whether the answer failed the response schema check (the step failed with `bad_response`). */
  failed: boolean;
  findings: RedactedFinding[];
}

export interface DriftLimits {
  /** Items checked per array. @default 20 */
  maxItems?: number;
  /** Findings per answer; the walk stops when it has them. @default 25 */
  maxFindings?: number;
  /** Levels of nesting walked. @default 16 */
  maxDepth?: number;
}

type Schema = Record<string, unknown>;

const JSON_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `~` and `/` escaped as JSON Pointer wants them. */
const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON type of a value as JSON Schema names it (`integer` for whole numbers). */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** The types a schema allows at its own level; undefined when it does not say (anything goes). */
function allowedTypes(schema: Schema): string[] | undefined {
  const declared = schema['type'];
  let types: string[] | undefined;
  if (typeof declared === 'string') types = [declared];
  else if (Array.isArray(declared)) types = declared.filter((t): t is string => typeof t === 'string');
  const values = Array.isArray(schema['enum']) ? schema['enum'] : 'const' in schema ? [schema['const']] : undefined;
  if (!types && values) types = [...new Set(values.map(jsonType))];
  if (!types) return undefined;
  // OpenAPI's `nullable: true`, which vendors' published schemas still use.
  if (schema['nullable'] === true && !types.includes('null')) types = [...types, 'null'];
  return types.filter((t) => (JSON_TYPES as readonly string[]).includes(t));
}

const typeAllowed = (types: readonly string[], actual: string) =>
  types.includes(actual) || (actual === 'integer' && types.includes('number'));

const typesText = (types: readonly string[]) => (types.length === 0 ? 'nothing' : types.join('|'));

/**
 * A schema with its `allOf` branches folded in (properties and required merged), so that
 * a field one branch declares is not "new" to another.
 */
function folded(schema: Schema): Schema {
  const all = Array.isArray(schema['allOf']) ? schema['allOf'].filter(isObject) : [];
  if (all.length === 0) return schema;
  const parts = [schema, ...all.map(folded)];
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  let declaresProperties = false;
  for (const part of parts) {
    if (isObject(part['properties'])) {
      declaresProperties = true;
      Object.assign(properties, part['properties']);
    }
    if (Array.isArray(part['required'])) for (const r of part['required']) if (typeof r === 'string') required.add(r);
  }
  const typed = parts.find((p) => p['type'] !== undefined || p['enum'] !== undefined);
  const open = parts.some((p) => isObject(p['additionalProperties']) || isObject(p['patternProperties']));
  return {
    ...schema,
    allOf: undefined,
    ...(typed ? { type: typed['type'], enum: typed['enum'] } : {}),
    ...(declaresProperties ? { properties } : {}),
    ...(required.size > 0 ? { required: [...required] } : {}),
    ...(open ? { additionalProperties: {} } : {}),
  };
}

interface Walk {
  maxItems: number;
  maxDepth: number;
}

/** The findings of `value` against `schema` at `path`, deduplicated by kind and path, unbounded in count. */
function walk(input: Schema, value: unknown, path: string, depth: number, w: Walk): DriftFinding[] {
  if (depth > w.maxDepth) return [];
  const schema = folded(input);
  // A reference is not resolved here: what it points to is checked by ajv, not by drift.
  if (typeof schema['$ref'] === 'string') return [];
  const branches = [schema['anyOf'], schema['oneOf']].flatMap((b) => (Array.isArray(b) ? b.filter(isObject) : []));
  if (branches.length > 0) return alternatives(schema, branches, value, path, depth, w);

  const actual = jsonType(value);
  const types = allowedTypes(schema);
  if (types && !typeAllowed(types, actual)) {
    return [{ kind: 'type', path: path || '/', expected: typesText(types), actual, value }];
  }
  const values = Array.isArray(schema['enum']) ? schema['enum'] : undefined;
  if (values && !values.some((v) => JSON.stringify(v) === JSON.stringify(value))) {
    // Same type, a value the definition does not list (a new status): drift the step fails on.
    return [
      {
        kind: 'type',
        path: path || '/',
        expected: `enum of ${typesText(types ?? [])}`,
        actual: `${actual} not in enum`,
        value,
      },
    ];
  }
  if (isObject(value)) return objectFindings(schema, value, path, depth, w);
  if (Array.isArray(value) && isObject(schema['items'])) return itemFindings(schema['items'], value, path, depth, w);
  return [];
}

/** anyOf / oneOf, leniently: the branch the value drifts least from; a type finding only when no branch takes its type. */
function alternatives(
  schema: Schema,
  branches: Schema[],
  value: unknown,
  path: string,
  depth: number,
  w: Walk,
): DriftFinding[] {
  const own = { ...schema, anyOf: undefined, oneOf: undefined };
  const at = path || '/';
  // A branch of another type is the worst fit; then the fewer findings, the closer.
  const score = (findings: DriftFinding[]) =>
    findings.length + (findings.some((f) => f.kind === 'type' && f.path === at) ? 1_000 : 0);
  let best: DriftFinding[] | undefined;
  for (const branch of branches) {
    const findings = walk({ ...own, ...branch }, value, path, depth, w);
    if (!best || score(findings) < score(best)) best = findings;
    if (findings.length === 0) break;
  }
  if (best?.length === 1 && best[0]?.kind === 'type' && best[0].path === at) {
    const expected = new Set(branches.flatMap((b) => allowedTypes({ ...own, ...b }) ?? []));
    return [{ ...best[0], expected: typesText([...expected]) }];
  }
  return best ?? [];
}

function objectFindings(
  schema: Schema,
  value: Record<string, unknown>,
  path: string,
  depth: number,
  w: Walk,
): DriftFinding[] {
  const properties = isObject(schema['properties']) ? schema['properties'] : undefined;
  const required = new Set(
    Array.isArray(schema['required']) ? schema['required'].filter((r) => typeof r === 'string') : [],
  );
  const out: DriftFinding[] = [];
  const declared = new Set([...Object.keys(properties ?? {}), ...required]);
  for (const key of declared) {
    if (Object.hasOwn(value, key)) continue;
    const sub = properties?.[key];
    const types = isObject(sub) ? allowedTypes(sub) : undefined;
    out.push({
      kind: 'missing',
      path: `${path}/${token(key)}`,
      expected: types ? typesText(types) : 'any',
      actual: 'absent',
      required: required.has(key),
    });
  }
  // A map (additionalProperties or patternProperties as a schema) expects keys it does not name.
  const open = isObject(schema['additionalProperties']) || isObject(schema['patternProperties']);
  for (const [key, v] of Object.entries(value)) {
    const sub = properties?.[key];
    if (isObject(sub)) out.push(...walk(sub, v, `${path}/${token(key)}`, depth + 1, w));
    else if (properties && sub === undefined && !open) {
      out.push({ kind: 'new', path: `${path}/${token(key)}`, expected: 'undeclared', actual: jsonType(v), value: v });
    }
  }
  return out;
}

/**
 * The first `maxItems` items as one: a drift is one finding at `<path>/*`, not one per item.
 * An optional field counts as missing only when every checked object item lacks it (sparse
 * items are normal); a required one when any does.
 */
function itemFindings(items: Schema, value: unknown[], path: string, depth: number, w: Walk): DriftFinding[] {
  const byKey = new Map<string, { finding: DriftFinding; times: number }>();
  const checked = value.slice(0, w.maxItems);
  for (const item of checked) {
    for (const f of walk(items, item, `${path}/*`, depth + 1, w)) {
      const key = `${f.kind} ${f.path}`;
      const seen = byKey.get(key);
      if (seen) seen.times++;
      else byKey.set(key, { finding: f, times: 1 });
    }
  }
  return [...byKey.values()]
    .filter(
      ({ finding, times }) => !(finding.kind === 'missing' && finding.required === false && times < checked.length),
    )
    .map(({ finding }) => finding);
}

/**
 * What drifted in `answer` against the action's response `schema`: at most `maxFindings`,
 * each (kind, path) once. A text answer is not walked (there is nothing to compare).
 */
export function detectDrift(
  schema: Record<string, unknown>,
  answer: unknown,
  limits: DriftLimits = {},
  responseType: 'json' | 'text' = 'json',
): DriftFinding[] {
  if (responseType === 'text') return [];
  const w = { maxItems: limits.maxItems ?? 20, maxDepth: limits.maxDepth ?? 16 };
  const seen = new Set<string>();
  const out: DriftFinding[] = [];
  for (const f of walk(schema, answer, '', 0, w)) {
    const key = `${f.kind} ${f.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
    if (out.length >= (limits.maxFindings ?? 25)) break;
  }
  return out;
}

/** Keys shown as they are: field names. Anything else (an email, an address, an id used as a key) is data. */
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$.-]{0,63}$/;
/** Keys and items shown per level of a sample. */
const SAMPLE_WIDTH = 10;

/**
 * The shape of `value` with every value masked (`"<string, 12 chars>"`, `"<number>"`),
 * objects and arrays shown `depth` levels deep and `SAMPLE_WIDTH` wide, a key that is not a
 * plain field name replaced, and anything under a credential name (`authorization`,
 * `x-api-key`, …) or naming a secret redacted.
 *
 * @example redactedSample({ score: 97, email: 'a@b.example' }) // { score: '<number>', email: '<string, 11 chars>' }
 */
export function redactedSample(value: unknown, secrets: readonly string[] = [], depth = 3): unknown {
  if (value === null) return null;
  if (typeof value === 'string') return `<string, ${value.length} chars>`;
  if (typeof value === 'number') return '<number>';
  if (typeof value === 'boolean') return '<boolean>';
  if (Array.isArray(value)) {
    if (depth <= 0) return `<array, ${value.length} items>`;
    const shown = value.slice(0, SAMPLE_WIDTH).map((v) => redactedSample(v, secrets, depth - 1));
    return value.length > SAMPLE_WIDTH ? [...shown, `<${value.length - SAMPLE_WIDTH} more items>`] : shown;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (depth <= 0) return `<object, ${entries.length} keys>`;
    const out: Record<string, unknown> = {};
    entries.slice(0, SAMPLE_WIDTH).forEach(([k, v], i) => {
      const plain = FIELD_NAME.test(k) && scrubText(k, secrets) === k;
      const name = plain ? k : `<key ${i + 1}>`;
      out[name] = plain && isCredentialHeader(k) ? REDACTED : redactedSample(v, secrets, depth - 1);
    });
    if (entries.length > SAMPLE_WIDTH) out['<more>'] = `<${entries.length - SAMPLE_WIDTH} more keys>`;
    return out;
  }
  return `<${typeof value}>`;
}

/** The findings as they may be stored or logged: each value replaced by its redacted sample. */
export function redactFindings(findings: readonly DriftFinding[], secrets: readonly string[]): RedactedFinding[] {
  return findings.map(({ value, ...f }) => ({
    ...f,
    sample: value === undefined ? null : redactedSample(value, secrets),
  }));
}
