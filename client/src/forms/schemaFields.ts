/**
 * A JSON Schema (a trigger's input schema, a connector action's response) read as form
 * fields. Only what a form can show is read (type, enum, format, items of strings or of
 * objects, nested objects, title, description, required); anything else is a JSON field.
 */
import { isRecord } from './jsonValue';

export type FieldKind =
  | 'string'
  | 'enum'
  | 'number'
  | 'integer'
  | 'boolean'
  /** A list of strings, one per line. */
  | 'strings'
  /** A nested object: a group of fields. */
  | 'object'
  /** A list of objects: repeatable groups, each with the item's fields. */
  | 'objects'
  /** Anything else, typed as JSON. */
  | 'json';

export interface Field {
  /** The property name: the key in its object. */
  name: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  /** For `enum`: the choices (strings, numbers or booleans as the schema lists them). */
  options?: (string | number | boolean)[];
  /** For `string` (and `strings` items): the formats it must match, any of them (`ipv4`, `email`…). */
  formats?: string[];
  /** For `object`: its properties; for `objects`: the item's properties. */
  fields?: Field[];
}

type Schema = Record<string, unknown>;

function typeOf(s: Schema): string | undefined {
  const t = s['type'];
  if (typeof t === 'string') return t;
  // `["string", "null"]`: the form offers the non-null type.
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  return undefined;
}

const isOption = (o: unknown): o is string | number | boolean =>
  typeof o === 'string' || typeof o === 'number' || typeof o === 'boolean';

/** The formats of a string schema: `format`, or each branch of an `anyOf`/`oneOf` of formats (IPv4 or IPv6). */
function formatsOf(s: Schema): string[] {
  if (typeof s['format'] === 'string') return [s['format']];
  const branches = Array.isArray(s['anyOf']) ? s['anyOf'] : Array.isArray(s['oneOf']) ? s['oneOf'] : [];
  return branches.flatMap((b) => (isRecord(b) && typeof b['format'] === 'string' ? [b['format']] : []));
}

function kindOf(s: Schema): FieldKind {
  const options = s['enum'];
  if (Array.isArray(options) && options.length > 0 && options.every(isOption)) return 'enum';
  const t = typeOf(s);
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') return t;
  if (t === 'array') {
    const items = s['items'];
    if (!isRecord(items)) return 'json';
    if (typeOf(items) === 'string' && !Array.isArray(items['enum'])) return 'strings';
    return isRecord(items['properties']) && Object.keys(items['properties']).length > 0 ? 'objects' : 'json';
  }
  // An object with declared properties is a group; a free map (`additionalProperties` only) is JSON.
  if (isRecord(s['properties']) && Object.keys(s['properties']).length > 0) return 'object';
  return 'json';
}

/** The fields of an object schema, in the order its properties are declared; [] for anything else. */
export function fieldsOf(schema: unknown): Field[] {
  if (!isRecord(schema) || !isRecord(schema['properties'])) return [];
  const required = new Set(
    Array.isArray(schema['required']) ? schema['required'].filter((r) => typeof r === 'string') : [],
  );
  return Object.entries(schema['properties']).map(([name, raw]) => {
    const s = isRecord(raw) ? raw : {};
    const kind = kindOf(s);
    const f: Field = {
      name,
      kind,
      label: typeof s['title'] === 'string' && s['title'] ? s['title'] : name,
      required: required.has(name),
    };
    if (typeof s['description'] === 'string' && s['description']) f.description = s['description'];
    if (kind === 'enum' && Array.isArray(s['enum'])) f.options = s['enum'].filter(isOption);
    if (kind === 'string') setFormats(f, formatsOf(s));
    if (kind === 'strings' && isRecord(s['items'])) setFormats(f, formatsOf(s['items']));
    if (kind === 'object') f.fields = fieldsOf(s);
    if (kind === 'objects') f.fields = fieldsOf(s['items']);
    return f;
  });
}

function setFormats(f: Field, formats: string[]) {
  if (formats.length > 0) f.formats = formats;
}

/**
 * The server's field errors (`body.event.source.ip`) by dotted form path (`source.ip`); a
 * problem with no field of its own (the value as a whole) is kept under ''.
 */
export function errorsByField(
  details: readonly { path: string; message: string }[],
  prefix = 'body.event',
): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of details) {
    const path = d.path === prefix ? '' : d.path.startsWith(`${prefix}.`) ? d.path.slice(prefix.length + 1) : null;
    if (path === null) continue;
    const before = out.get(path);
    out.set(path, before ? `${before}; ${d.message}` : d.message);
  }
  return out;
}
