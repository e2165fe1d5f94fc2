import type { z } from 'zod';

/**
 * zod's default messages ("Too small: expected string to have >=1 characters") turned into
 * sentences a person can act on, naming the field in words ("Name is required"). Passed
 * as the `error` map of a parse, so a message a schema sets itself (`.min(1, 'a reason is
 * required')`) still wins; only zod's own defaults are replaced.
 */

/** Short words that read better in capitals, and abbreviations spelled out. */
const WORDS: Record<string, string> = {
  ip: 'IP',
  ips: 'IPs',
  url: 'URL',
  urls: 'URLs',
  uri: 'URI',
  id: 'ID',
  ids: 'IDs',
  cidr: 'CIDR',
  csv: 'CSV',
  api: 'API',
  json: 'JSON',
  http: 'HTTP',
  slo: 'SLO',
  sla: 'SLA',
  src: 'source',
  dst: 'destination',
};

function keyWords(key: string): string[] {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  // `reviewerIds` → reviewers, `assetId` → asset: a person picks the thing, not its id.
  const last = words.at(-1);
  if (words.length > 1 && (last === 'id' || last === 'ids')) {
    words.pop();
    if (last === 'ids') words.push(`${words.pop() ?? ''}s`);
  }
  return words.map((w) => WORDS[w] ?? w);
}

/**
 * A field's name in words from its path (`['reviewerIds', 0]` → "Reviewers (item 1)",
 * `['srcIp']` → "Source IP"); empty for the root.
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const keys = path.filter((k): k is string | number => typeof k !== 'symbol');
  const named = keys.findLastIndex((k) => typeof k === 'string' && !/^\d+$/.test(k));
  if (named < 0) return keys.length > 0 ? `Item ${Number(keys.at(-1)) + 1}` : '';
  const words = keyWords(String(keys[named])).join(' ');
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  const index = keys.slice(named + 1).find((k) => /^\d+$/.test(String(k)));
  return index === undefined ? label : `${label} (item ${Number(index) + 1})`;
}

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'yes or no (true or false)',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
  null: 'empty',
};

const FORMATS: Record<string, string> = {
  email: 'an email address',
  url: 'a web address (URL)',
  uuid: 'an ID from this system',
  guid: 'an ID from this system',
  cuid: 'an ID from this system',
  ipv4: 'an IPv4 address (e.g. 10.0.0.1)',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 network (e.g. 10.0.0.0/8)',
  cidrv6: 'an IPv6 network',
  datetime: 'a date and time (e.g. 2026-01-31T09:00:00Z)',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time (HH:MM)',
  duration: 'a duration',
  hostname: 'a host name',
  base64: 'base64 text',
  jwt: 'a token',
  e164: 'a phone number (e.g. +4412345678)',
  lowercase: 'in lower case',
  uppercase: 'in upper case',
};

const quoted = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));
const plural = (n: number | bigint, one: string) => `${n} ${one}${Number(n) === 1 ? '' : 's'}`;

function tooSmall(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooSmall>): string {
  const n = issue.minimum;
  const at = issue.exact ? 'exactly' : 'at least';
  switch (issue.origin) {
    case 'string':
      return Number(n) <= 1 && !issue.exact ? 'is required' : `must be ${at} ${plural(n, 'character')}`;
    case 'array':
    case 'set':
      return issue.exact ? `: pick exactly ${n}` : `: pick at least ${n}`;
    case 'date':
      return `must be on or after ${new Date(Number(n)).toISOString()}`;
    default:
      return issue.inclusive === false ? `must be more than ${n}` : `must be ${n} or more`;
  }
}

function tooBig(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooBig>): string {
  const n = issue.maximum;
  const at = issue.exact ? 'exactly' : 'at most';
  switch (issue.origin) {
    case 'string':
      return `must be ${at} ${plural(n, 'character')}`;
    case 'array':
    case 'set':
      return `: pick ${at} ${n}`;
    case 'date':
      return `must be on or before ${new Date(Number(n)).toISOString()}`;
    default:
      return issue.inclusive === false ? `must be less than ${n}` : `must be ${n} or less`;
  }
}

function format(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidStringFormat>): string {
  if (issue.format === 'starts_with' && 'prefix' in issue) return `must start with ${quoted(issue.prefix)}`;
  if (issue.format === 'ends_with' && 'suffix' in issue) return `must end with ${quoted(issue.suffix)}`;
  if (issue.format === 'includes' && 'includes' in issue) return `must contain ${quoted(issue.includes)}`;
  const kind = FORMATS[issue.format];
  return kind ? `must be ${kind}` : 'is not in the expected form';
}

/** The predicate of the sentence ("is required", "must be a number", ": pick at least 1"). */
function predicate(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${KINDS[issue.expected] ?? 'a different kind of value'}`;
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return format(issue);
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${quoted(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} it does not accept: ${keys}`;
    }
    case 'invalid_union':
      return 'is not in any of the accepted forms';
    case 'invalid_key':
    case 'invalid_element':
      return 'has an entry that is not valid';
    default:
      return 'is not valid';
  }
}

/**
 * One issue in words, field first: "Name is required", "Reviewers: pick at least 1",
 * "Source IP must be an IPv4 address (e.g. 10.0.0.1)"; at the root "Must be …".
 */
export function issueWords(issue: z.core.$ZodRawIssue): string {
  const label = fieldLabel(issue.path ?? []);
  const rest = predicate(issue);
  if (rest.startsWith(':')) return label ? `${label}${rest}` : rest.slice(2).replace(/^./, (c) => c.toUpperCase());
  if (!label) return rest.charAt(0).toUpperCase() + rest.slice(1);
  return `${label} ${rest}`;
}

/** The headline of a refusal with these field messages: the first in full, and how many more. */
export function refusalWords(messages: readonly string[]): string {
  const [first] = messages;
  if (first === undefined) return 'The request was refused';
  const more = messages.length - 1;
  return more === 0 ? first : `${first} (and ${more} more ${more === 1 ? 'problem' : 'problems'})`;
}
