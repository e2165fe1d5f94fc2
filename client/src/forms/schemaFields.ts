/**
 * The event form's model: a trigger's input schema (JSON Schema) read as form fields, and
 * the form's values turned into the event the server validates. Only what a form can show
 * is read (type, enum, items of strings, nested objects, title, description, required);
 * anything else is left to the JSON view.
 */

export type FieldKind = 'string' | 'enum' | 'number' | 'integer' | 'boolean' | 'strings' | 'object' | 'json';

export interface Field {
  /** The property name. */
  name: string;
  /** Dotted path from the event root, e.g. `source.ip`. */
  path: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  options?: string[];
  /** For `object`: its properties. */
  fields?: Field[];
}

type Schema = Record<string, unknown>;

const isRecord = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(s: Schema): string | undefined {
  const t = s['type'];
  if (typeof t === 'string') return t;
  // `["string", "null"]`: the form offers the non-null type.
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  return undefined;
}

function kindOf(s: Schema): FieldKind {
  const options = s['enum'];
  if (Array.isArray(options) && options.length > 0 && options.every((o) => typeof o === 'string')) return 'enum';
  const t = typeOf(s);
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') return t;
  if (t === 'array') {
    const items = s['items'];
    return isRecord(items) && typeOf(items) === 'string' && !Array.isArray(items['enum']) ? 'strings' : 'json';
  }
  if (t === 'object' || isRecord(s['properties'])) return 'object';
  return 'json';
}

/** The fields of an object schema, in the order its properties are declared. */
export function fieldsOf(schema: unknown, prefix = ''): Field[] {
  if (!isRecord(schema) || !isRecord(schema['properties'])) return [];
  const required = new Set(
    Array.isArray(schema['required']) ? schema['required'].filter((r) => typeof r === 'string') : [],
  );
  return Object.entries(schema['properties']).map(([name, raw]) => {
    const s = isRecord(raw) ? raw : {};
    const path = prefix ? `${prefix}.${name}` : name;
    const kind = kindOf(s);
    const f: Field = {
      name,
      path,
      kind,
      label: typeof s['title'] === 'string' && s['title'] ? s['title'] : name,
      required: required.has(name),
    };
    if (typeof s['description'] === 'string' && s['description']) f.description = s['description'];
    if (kind === 'enum') f.options = (s['enum'] as string[]).slice();
    if (kind === 'object') f.fields = fieldsOf(s, path);
    return f;
  });
}

/** A JSON value, as the run's event is sent. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What a person typed, per field path: text for most kinds, a boolean for checkboxes, lines for lists. */
export type FormValues = Record<string, string | boolean>;

/** The event of these form values: empty fields are left out, so that a missing required field is named as such. */
export function eventOf(fields: readonly Field[], values: FormValues): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const f of fields) {
    const v = valueOf(f, values);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

function valueOf(f: Field, values: FormValues): Json | undefined {
  const raw = values[f.path];
  switch (f.kind) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'object': {
      const inner = eventOf(f.fields ?? [], values);
      return Object.keys(inner).length > 0 || f.required ? inner : undefined;
    }
    case 'strings': {
      const lines =
        typeof raw === 'string'
          ? raw
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
          : [];
      return lines.length > 0 ? lines : undefined;
    }
    case 'number':
    case 'integer': {
      if (typeof raw !== 'string' || raw.trim() === '') return undefined;
      const n = Number(raw);
      // Not a number: sent as typed, so that the server names the field ("must be number").
      return Number.isFinite(n) ? n : raw;
    }
    case 'json': {
      if (typeof raw !== 'string' || raw.trim() === '') return undefined;
      try {
        const parsed: Json = JSON.parse(raw);
        return parsed;
      } catch {
        return raw;
      }
    }
    default:
      return typeof raw === 'string' && raw !== '' ? raw : undefined;
  }
}

/** The form values of an event (switching back from the JSON view): the inverse of `eventOf` for what fields hold. */
export function valuesOf(fields: readonly Field[], event: unknown, into: FormValues = {}): FormValues {
  const e = isRecord(event) ? event : {};
  for (const f of fields) {
    const v = e[f.name];
    if (f.kind === 'object') valuesOf(f.fields ?? [], v, into);
    else if (v === undefined) continue;
    else if (f.kind === 'boolean') into[f.path] = v === true;
    else if (f.kind === 'strings') into[f.path] = Array.isArray(v) ? v.map(String).join('\n') : String(v);
    else if (f.kind === 'json') into[f.path] = JSON.stringify(v);
    else into[f.path] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return into;
}

/**
 * The server's field errors (`body.event.source.ip`) by form path (`source.ip`); a problem
 * with no field of its own (the event as a whole) is kept under ''.
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
