/**
 * A trigger event's problems (ajv errors under the version's `inputSchema`) in words for a
 * person: what the field must be ("must be an IPv4 address (e.g. 10.0.0.1)", "must be one
 * of: low, medium, high"), and the field's name: the schema's `title`, else its key as
 * written. Never ajv's own texts (`must match format "ipv4"`, `must be >= 0`).
 */
import type { ErrorObject } from 'ajv/dist/2020';

const FORMATS: Record<string, string> = {
  ipv4: 'an IPv4 address (e.g. 10.0.0.1)',
  ipv6: 'an IPv6 address (e.g. 2001:db8::1)',
  email: 'an email address (e.g. analyst@example.com)',
  uri: 'a URL (e.g. https://example.com/path)',
  url: 'a URL (e.g. https://example.com/path)',
  hostname: 'a host name (e.g. mail.example.com)',
  'date-time': 'a date and time (e.g. 2026-01-31T09:30:00Z)',
  date: 'a date (e.g. 2026-01-31)',
  time: 'a time (e.g. 09:30:00Z)',
  uuid: 'a UUID (e.g. 123e4567-e89b-12d3-a456-426614174000)',
};

const TYPES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a group of fields',
  array: 'a list',
  null: 'empty',
};

function listOf(values: unknown): string {
  return (Array.isArray(values) ? values : [values])
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join(', ');
}

function count(n: unknown, one: string): string {
  return `${String(n)} ${n === 1 ? one : `${one}s`}`;
}

/** What the field must be, without its name: "must be 0 or more", "is required". */
export function eventRuleWords(e: ErrorObject): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field of this event';
    case 'type':
      return `must be ${String(p['type'])
        .split(',')
        .map((t) => TYPES[t] ?? t)
        .join(' or ')}`;
    case 'format': {
      const format = String(p['format']);
      return `must be ${FORMATS[format] ?? `in the ${format} format`}`;
    }
    case 'enum':
      return `must be one of: ${listOf(p['allowedValues'])}`;
    case 'const':
      return `must be ${listOf(p['allowedValue'])}`;
    case 'minimum':
      return `must be ${String(p['limit'])} or more`;
    case 'maximum':
      return `must be ${String(p['limit'])} or less`;
    case 'exclusiveMinimum':
      return `must be more than ${String(p['limit'])}`;
    case 'exclusiveMaximum':
      return `must be less than ${String(p['limit'])}`;
    case 'multipleOf':
      return `must be a multiple of ${String(p['multipleOf'])}`;
    case 'minLength':
      return p['limit'] === 1 ? 'is required' : `must be at least ${count(p['limit'], 'character')} long`;
    case 'maxLength':
      return `must be at most ${count(p['limit'], 'character')} long`;
    case 'minItems':
      return `must have at least ${count(p['limit'], 'item')}`;
    case 'maxItems':
      return `must have at most ${count(p['limit'], 'item')}`;
    case 'uniqueItems':
      return 'must not list the same item twice';
    case 'minProperties':
      return `must have at least ${count(p['limit'], 'field')}`;
    case 'maxProperties':
      return `must have at most ${count(p['limit'], 'field')}`;
    case 'pattern':
      return 'is not in the expected form';
    default:
      return 'is not valid';
  }
}

function titleOf(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null || !('title' in schema)) return undefined;
  const title = schema.title;
  return typeof title === 'string' && title.trim() ? title.trim() : undefined;
}

function propertySchema(parent: unknown, key: string): unknown {
  if (typeof parent !== 'object' || parent === null || !('properties' in parent)) return undefined;
  const properties = parent.properties;
  return typeof properties === 'object' && properties !== null
    ? Object.getOwnPropertyDescriptor(properties, key)?.value
    : undefined;
}

/**
 * The field's name (needs ajv's `verbose` for the schema): its `title`, else its key as
 * written, "Item 2" for a list item, "The event" for the event as a whole. `keys` are the
 * instance path's segments, the missing or extra property last.
 */
export function eventFieldWords(e: ErrorObject, keys: readonly string[]): string {
  const schema =
    e.keyword === 'required'
      ? propertySchema(e.parentSchema, keys.at(-1) ?? '')
      : e.keyword === 'additionalProperties'
        ? undefined
        : e.parentSchema;
  const title = titleOf(schema);
  if (title) return title;
  const key = keys.at(-1);
  if (key === undefined) return 'The event';
  return /^\d+$/.test(key) ? `Item ${Number(key) + 1}` : key;
}
