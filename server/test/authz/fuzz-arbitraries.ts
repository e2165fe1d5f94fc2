/**
 * fast-check arbitraries generated from a route's zod schemas (through their JSON Schema):
 * values that mostly fit the schema, so requests get past the first check and reach the
 * service, and at any node of the tree, now and then, something hostile instead — a wrong
 * type, a NUL or a lone surrogate, a huge number, an empty object, deep-but-legal nesting,
 * an unknown key, a missing required one.
 */
import fc from 'fast-check';
import { z } from 'zod';

/** The subset of JSON Schema that `z.toJSONSchema` writes for the route schemas. */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** Real values to try where a field of that name (or format) is expected, so requests reach real rows. */
export interface Pools {
  /** By field name (`id`, `workflowId`, `number`, `name`, `username`, …). */
  byName: Record<string, readonly unknown[]>;
  /** Any `format: uuid` field. */
  uuids: readonly string[];
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '%00',
  '%ED%A0%80',
  '..',
  '../../etc/passwd',
  "' OR 1=1 --",
  'x'.repeat(5_000),
  '😀',
  '\u202e',
  '<script>alert(1)</script>',
  '{{ event }}',
  '$eval("1")',
  'null',
  '-1',
  '1e309',
  '0x10',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
];

const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  5e-324,
];

/** Arrays and objects in turn, `depth` levels deep: under the body depth limit, past the engine's. */
const nested = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { k: v };
  return v;
};

/** Something a schema does not expect. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(null, true, false, {}, [], [null], { constructor: { prototype: 1 } }),
  fc.constant(JSON.parse('{"__proto__":{"admin":true}}') as unknown),
  fc.integer({ min: 8, max: 60 }).map(nested),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const clampLength = (s: JsonSchema, cap = 24) => {
  const minLength = s.minLength ?? 0;
  return { minLength, maxLength: Math.max(minLength, Math.min(s.maxLength ?? cap, cap)) };
};

function stringOf(s: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...pools.uuids), fc.uuid());
  if (s.format === 'date-time') {
    const min = new Date('2026-10-01T00:00:00Z');
    const max = new Date('2026-12-31T00:00:00Z');
    return fc.date({ min, max, noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  return fc.string({ ...clampLength(s), unit: 'grapheme' });
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  if (integer) {
    const min = s.minimum ?? (s.exclusiveMinimum === undefined ? -(2 ** 31) : s.exclusiveMinimum + 1);
    const max = s.maximum ?? (s.exclusiveMaximum === undefined ? 2 ** 31 : s.exclusiveMaximum - 1);
    return fc.integer({ min, max });
  }
  return fc.double({
    min: s.minimum ?? s.exclusiveMinimum ?? -1e9,
    max: s.maximum ?? s.exclusiveMaximum ?? 1e9,
    minExcluded: s.exclusiveMinimum !== undefined,
    maxExcluded: s.exclusiveMaximum !== undefined,
    noNaN: true,
  });
}

class Generator {
  /**
   * @param hostile false: values that fit the schema all the way down (so requests reach the
   *   service); true: at any node, now and then, a hostile value, an unknown key or a missing one
   */
  constructor(
    private readonly root: JsonSchema,
    private readonly pools: Pools,
    private readonly hostile: boolean,
  ) {}

  /** A value for `s`; `name` is the field's name, whose pooled real values come first. */
  any(s: JsonSchema, name?: string, depth = 0): fc.Arbitrary<unknown> {
    const pooled = name ? this.pools.byName[name] : undefined;
    const fitting = pooled?.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...pooled), weight: 3 }, { arbitrary: this.fitting(s, depth), weight: 1 })
      : this.fitting(s, depth);
    if (!this.hostile) return fitting;
    return fc.oneof({ arbitrary: fitting, weight: 5 }, { arbitrary: hostile, weight: 1 });
  }

  private fitting(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    if (s.$ref) {
      const target = this.root.$defs?.[s.$ref.replace('#/$defs/', '')];
      return target && depth < 3 ? this.fitting(target, depth + 1) : fc.jsonValue({ maxDepth: 2 });
    }
    if ('const' in s) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => this.fitting(a, depth + 1)));
    if (s.allOf?.[0]) return this.fitting(s.allOf[0], depth + 1);
    switch (s.type) {
      case 'string':
        return stringOf(s, this.pools);
      case 'integer':
      case 'number':
        return numberOf(s, s.type === 'integer');
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const items = s.items ? this.any(s.items, undefined, depth + 1) : fc.jsonValue({ maxDepth: 1 });
        const minLength = s.minItems ?? 0;
        return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 4, 4)) });
      }
      case 'object':
        return this.object(s, depth);
      default:
        return fc.jsonValue({ maxDepth: 3 });
    }
  }

  /** The schema's keys (required ones mostly present), free keys it allows, and now and then an unknown key. */
  private object(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const props = s.properties ?? {};
    const arbs = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, this.any(v, k, depth + 1)]));
    const required = (s.required ?? []).filter((k) => k in props);
    const extra =
      typeof s.additionalProperties === 'object'
        ? fc.dictionary(
            s.propertyNames ? stringOf(s.propertyNames, this.pools) : fc.string({ maxLength: 12 }),
            this.any(s.additionalProperties, undefined, depth + 1),
            { maxKeys: 3 },
          )
        : fc.constant({});
    if (!this.hostile)
      return fc.tuple(extra, fc.record(arbs, { requiredKeys: required })).map(([a, b]) => ({ ...a, ...b }));
    const unknown = fc.oneof(
      { arbitrary: fc.constant({}), weight: 6 },
      { arbitrary: fc.dictionary(fc.constantFrom('__unexpected', 'k\u0000', '\ud800', ''), hostile), weight: 1 },
    );
    const keys = fc.oneof(
      { arbitrary: fc.record(arbs, { requiredKeys: required }), weight: 6 },
      { arbitrary: fc.record(arbs, { requiredKeys: [] }), weight: 1 },
    );
    return fc.tuple(extra, keys, unknown).map(([a, b, c]) => ({ ...a, ...b, ...c }));
  }
}

/** Path segments that are not even well-formed: percent-escapes of NUL and of a lone surrogate, a lone `%`. */
const RAW_SEGMENTS = ['%00', 'a%00b', '%ED%A0%80', '%', '%zz', '%2F', '.', '%20', '%F0%9F%98%80'];

/** A lone surrogate's bytes as if UTF-8 could hold it (WTF-8): ED, then two continuation bytes. */
const wtf8 = (unit: number) =>
  [0xed, 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');

/** With the `u` flag, a surrogate that is half of a pair is part of one code point: only lone ones match. */
const LONE_SURROGATE = /([\ud800-\udfff])/u;

/** The URL encoding of a path or query value; a lone surrogate travels as its (invalid) WTF-8 bytes. */
export function encode(s: string): string {
  return s
    .split(LONE_SURROGATE)
    .map((part, i) => (i % 2 === 1 ? wtf8(part.charCodeAt(0)) : encodeURIComponent(part)))
    .join('');
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);

/**
 * Each path parameter of `names` as an encoded segment: from the params schema (and the
 * pools) through `encode`, or now and then a raw segment no decoder accepts.
 */
export function arbitrarySegments(
  schema: z.ZodType | undefined,
  names: readonly string[],
  pools: Pools,
): fc.Arbitrary<Record<string, string>> {
  const json = (schema ? z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) : {}) as JsonSchema;
  const clean = new Generator(json, pools, false);
  const mixed = new Generator(json, pools, true);
  const segment = (name: string) => {
    const s = json.properties?.[name] ?? {};
    return fc.oneof(
      { arbitrary: clean.any(s, name).map((v) => encode(text(v))), weight: 8 },
      { arbitrary: mixed.any(s, name).map((v) => encode(text(v))), weight: 2 },
      { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 1 },
    );
  };
  return fc.record(Object.fromEntries(names.map((n) => [n, segment(n)])));
}

/**
 * Values for a route's `query` or `body` schema: half fitting all the way down, half with
 * hostile values sprinkled in. Without a schema: mostly nothing, now and then something hostile.
 */
export function arbitraryFor(schema: z.ZodType | undefined, pools: Pools): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, { arbitrary: hostile, weight: 1 });
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fc.oneof(new Generator(json, pools, false).any(json), new Generator(json, pools, true).any(json));
}
