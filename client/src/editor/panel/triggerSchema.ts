/**
 * The trigger's input schema as a list of event fields, and back. Only a flat object
 * schema reads as a list; anything richer is edited as raw JSON, never silently dropped.
 */
import { isRecord } from './schema';

export const EVENT_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const ITEM_TYPES = ['string', 'number', 'boolean', 'object'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Formats worth suggesting for a SOC event's strings (ajv-formats names). */
export const FORMATS = ['ipv4', 'ipv6', 'hostname', 'email', 'uri', 'date-time', 'date', 'uuid'] as const;

export interface EventField {
  name: string;
  type: EventType;
  required: boolean;
  /** Strings only; '' for none. */
  format: string;
  description: string;
  /** Arrays only. */
  itemType: ItemType;
}

const TOP_KEYS = new Set(['$schema', 'type', 'properties', 'required', 'title', 'description', 'additionalProperties']);
const FIELD_KEYS = new Set(['type', 'format', 'description', 'items']);

const isType = <T extends string>(list: readonly T[], v: unknown): v is T => list.some((t) => t === v);

function fieldOf(name: string, raw: unknown, required: Set<string>): EventField | undefined {
  if (!isRecord(raw) || !Object.keys(raw).every((k) => FIELD_KEYS.has(k))) return undefined;
  const { type, format, description, items } = raw;
  if (!isType(EVENT_TYPES, type)) return undefined;
  if (format !== undefined && (typeof format !== 'string' || type !== 'string')) return undefined;
  if (description !== undefined && typeof description !== 'string') return undefined;
  let itemType: ItemType = 'string';
  if (items !== undefined) {
    if (type !== 'array' || !isRecord(items) || Object.keys(items).length !== 1 || !isType(ITEM_TYPES, items['type']))
      return undefined;
    itemType = items['type'];
  }
  return { name, type, required: required.has(name), format: format ?? '', description: description ?? '', itemType };
}

/** The fields of a flat object schema; undefined when the schema says more than a field list can. */
export function fieldsOf(schema: Record<string, unknown>): EventField[] | undefined {
  if (!Object.keys(schema).every((k) => TOP_KEYS.has(k))) return undefined;
  if (schema['type'] !== undefined && schema['type'] !== 'object') return undefined;
  const props = schema['properties'] ?? {};
  const req = schema['required'] ?? [];
  if (!isRecord(props) || !Array.isArray(req) || !req.every((r) => typeof r === 'string')) return undefined;
  if (schema['additionalProperties'] !== undefined && typeof schema['additionalProperties'] !== 'boolean')
    return undefined;
  const required = new Set(req);
  const fields: EventField[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const f = fieldOf(name, raw, required);
    if (!f) return undefined;
    fields.push(f);
  }
  return fields;
}

/**
 * The schema for these fields, keeping the schema's other top-level keys (title, …).
 * Fields without a name are left out; the first of a name wins.
 */
export function schemaOf(fields: readonly EventField[], base: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const f of fields) {
    if (f.name === '' || Object.hasOwn(properties, f.name)) continue;
    properties[f.name] = {
      type: f.type,
      ...(f.type === 'string' && f.format !== '' ? { format: f.format } : {}),
      ...(f.type === 'array' ? { items: { type: f.itemType } } : {}),
      ...(f.description !== '' ? { description: f.description } : {}),
    };
    if (f.required) required.push(f.name);
  }
  const { properties: _p, required: _r, ...rest } = base;
  return {
    ...rest,
    type: 'object',
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(required.length > 0 ? { required } : {}),
  };
}
