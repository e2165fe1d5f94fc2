/**
 * An example event a trigger's input schema (JSON Schema) accepts: the schema's own
 * `examples`, `const`, `default` or first `enum` value where it has one, else a
 * placeholder by type and format. Only required properties are filled (all of them when
 * none is required). Used by the signed `curl` recipe and the "send a test event" button.
 */

type Schema = Record<string, unknown>;

const isRecord = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What an open schema (`{ type: 'object' }`) gets: the README's sample alert. */
export const DEFAULT_EXAMPLE_EVENT = { alert: 'test', severity: 'low' };

const BY_FORMAT: Record<string, string> = {
  ip: '203.0.113.7',
  ipv4: '203.0.113.7',
  ipv6: '2001:db8::7',
  email: 'alert@example.com',
  uri: 'https://example.com/alert',
  url: 'https://example.com/alert',
  hostname: 'host.example.com',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  uuid: '00000000-0000-4000-8000-000000000000',
};

function typeOf(s: Schema): string | undefined {
  const t = s['type'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  return isRecord(s['properties']) ? 'object' : undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function numberExample(s: Schema, integer: boolean): number {
  const min = num(s['minimum']) ?? (num(s['exclusiveMinimum']) ?? 0) + (integer ? 1 : 0.5);
  const max = num(s['maximum']) ?? num(s['exclusiveMaximum']);
  const value = max !== undefined && max < min ? max : Math.max(min, 1);
  return integer ? Math.ceil(value) : value;
}

function stringExample(s: Schema, name: string): string {
  const format = typeof s['format'] === 'string' ? BY_FORMAT[s['format']] : undefined;
  if (format) return format;
  const min = num(s['minLength']) ?? 0;
  const max = num(s['maxLength']);
  const text = (name || 'example').padEnd(min, 'x');
  return max !== undefined ? text.slice(0, max) : text;
}

function objectExample(s: Schema, depth: number): Record<string, unknown> {
  const props = isRecord(s['properties']) ? s['properties'] : {};
  const required = Array.isArray(s['required']) ? s['required'].filter((r) => typeof r === 'string') : [];
  const names = required.length > 0 ? required : Object.keys(props);
  return Object.fromEntries(names.map((n) => [n, valueOf(props[n], n, depth + 1)]));
}

function valueOf(schema: unknown, name: string, depth: number): unknown {
  if (!isRecord(schema) || depth > 8) return name ? 'example' : {};
  const examples = schema['examples'];
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if ('const' in schema) return schema['const'];
  if ('default' in schema) return schema['default'];
  const options = schema['enum'];
  if (Array.isArray(options) && options.length > 0) return options[0];
  switch (typeOf(schema)) {
    case 'object':
      return objectExample(schema, depth);
    case 'array': {
      const minItems = num(schema['minItems']) ?? 0;
      return minItems > 0 ? Array.from({ length: minItems }, () => valueOf(schema['items'], name, depth + 1)) : [];
    }
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return stringExample(schema, name);
  }
}

/** An event for this input schema; an open or absent schema gets `DEFAULT_EXAMPLE_EVENT`. */
export function exampleEvent(inputSchema: unknown): unknown {
  if (!isRecord(inputSchema)) return DEFAULT_EXAMPLE_EVENT;
  const open = typeOf(inputSchema) === 'object' && !isRecord(inputSchema['properties']);
  if (open && !('examples' in inputSchema) && !('default' in inputSchema)) return DEFAULT_EXAMPLE_EVENT;
  return valueOf(inputSchema, '', 0);
}
