/**
 * What a person can be told at a field before anything is sent: a required field left
 * empty, a number that is not one, a string that is not the address or date its format
 * asks for. The server (ajv) stays the judge; these are the same rules in words.
 */
import { dotted, getAt, isRecord, type Json, type JsonPath } from './jsonValue';
import type { Field } from './schemaFields';

interface Format {
  /** How the hint says it: "An IPv4 address". */
  noun: string;
  example: string;
  test(v: string): boolean;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9a-fA-F:.]{2,45}$/;
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function isUri(v: string): boolean {
  try {
    return new URL(v).protocol.length > 1;
  } catch {
    return false;
  }
}

/** The formats a form explains and checks (ajv-formats names); others are left to the server. */
export const FORMATS: Readonly<Record<string, Format>> = {
  ipv4: { noun: 'an IPv4 address', example: '192.0.2.10', test: (v) => IPV4.test(v) },
  ipv6: { noun: 'an IPv6 address', example: '2001:db8::1', test: (v) => IPV6.test(v) },
  hostname: { noun: 'a host name', example: 'web-01.example.com', test: (v) => HOSTNAME.test(v) },
  email: { noun: 'an e-mail address', example: 'soc@example.com', test: (v) => EMAIL.test(v) },
  uri: { noun: 'a web address', example: 'https://example.com/alert/42', test: isUri },
  'date-time': {
    noun: 'a date and time with its time zone',
    example: '2026-12-06T13:00:00Z',
    test: (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
  },
  date: { noun: 'a date', example: '2026-12-06', test: (v) => DATE.test(v) && !Number.isNaN(Date.parse(v)) },
  uuid: { noun: 'a UUID', example: '0190a000-0000-7000-8000-000000000001', test: (v) => UUID.test(v) },
};

const known = (formats: readonly string[] | undefined) =>
  (formats ?? []).flatMap((f) => (FORMATS[f] ? [FORMATS[f]] : []));

/** The hint under a string field: "An IPv4 address or an IPv6 address, e.g. 192.0.2.10." */
export function formatHint(formats: readonly string[] | undefined): string {
  const fs = known(formats);
  if (fs.length === 0) return '';
  const nouns = fs.map((f) => f.noun).join(' or ');
  return `${nouns.charAt(0).toUpperCase()}${nouns.slice(1)}, e.g. ${fs[0]?.example}.`;
}

/** Why a string does not match its formats, or null when it does (or no format is known). */
function formatProblem(v: string, formats: readonly string[] | undefined): string | null {
  const fs = known(formats);
  if (fs.length === 0 || fs.some((f) => f.test(v))) return null;
  return `must be ${fs.map((f) => f.noun).join(' or ')}, e.g. ${fs[0]?.example}`;
}

function problemOf(f: Field, v: unknown): string | null {
  if (v === undefined || v === null || v === '') return f.required ? 'is required' : null;
  switch (f.kind) {
    case 'number':
      return typeof v === 'number' ? null : 'must be a number, e.g. 7.5';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? null : 'must be a whole number, e.g. 7';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be yes or no';
    case 'enum':
      return (f.options ?? []).some((o) => o === v) ? null : `must be one of ${(f.options ?? []).join(', ')}`;
    case 'string':
      return typeof v === 'string' ? formatProblem(v, f.formats) : 'must be text';
    case 'strings': {
      if (!Array.isArray(v)) return 'must be a list, one per line';
      const bad = v.find((x) => typeof x !== 'string' || formatProblem(x, f.formats) !== null);
      return bad === undefined
        ? null
        : `has "${String(bad)}", which ${formatProblem(String(bad), f.formats) ?? 'is not text'}`;
    }
    case 'object':
      return isRecord(v) ? null : 'must be a group of fields';
    case 'objects':
      return Array.isArray(v) ? null : 'must be a list';
    default:
      return null;
  }
}

/** The problems of `value` under `fields`, by dotted path (`host.name`, `hosts.0.ip`). */
export function problemsOf(fields: readonly Field[], value: Json | undefined, at: JsonPath = []): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fields) {
    const path = [...at, f.name];
    const v = getAt(value, path);
    const problem = problemOf(f, v);
    if (problem) out.set(dotted(path), problem);
    else if (f.kind === 'object' && v !== undefined) {
      for (const [k, m] of problemsOf(f.fields ?? [], value, path)) out.set(k, m);
    } else if (f.kind === 'objects' && Array.isArray(v)) {
      v.forEach((_item, i) => {
        for (const [k, m] of problemsOf(f.fields ?? [], value, [...path, i])) out.set(k, m);
      });
    }
  }
  return out;
}
