/**
 * zod's own messages ("Too small: expected string to have >=1 characters") in words a
 * security analyst reads under a field or in the Problems list: the field's name, then
 * what it must be. Messages a schema wrote itself (`min(1, 'a URL is required')`) are kept.
 */
import type { z } from 'zod';
import { capital, humanise } from './words';

/** zod's English defaults start like this; a schema's own message never does (ours are lower-case). */
const DEFAULT_MESSAGE = /^(Invalid|Too small|Too big|Unrecognized key)/;

/** What zod calls a type, as a person would say what a value must be. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'yes or no (true or false)',
  array: 'a list',
  object: 'a group of settings',
  record: 'a group of settings',
  date: 'a date',
  null: 'empty (null)',
};

/** Formats as a person names them. */
const FORMAT_WORDS: Record<string, string> = {
  url: 'a web address (URL)',
  email: 'an email address',
  uuid: 'an id (UUID)',
  ipv4: 'an IPv4 address, e.g. 192.0.2.1',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 network, e.g. 10.0.0.0/8',
  cidrv6: 'an IPv6 network',
  datetime: 'a date and time, e.g. 2026-01-31T09:00:00Z',
  date: 'a date, e.g. 2026-01-31',
  time: 'a time, e.g. 09:00',
  duration: 'a duration',
  regex: 'in the expected form',
};

/** The field a path names, in words: its last key (`params.quorum` → "Quorum"; an item → "Item 2 of …"). */
export function fieldWords(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const owner = path.slice(0, -1).findLast((k): k is string => typeof k === 'string');
    return `Item ${last + 1}${owner ? ` of ${humanise(owner)}` : ''}`;
  }
  return typeof last === 'string' && last !== '' ? capital(humanise(last)) : 'This value';
}

const plural = (n: number | bigint, one: string) => `${n} ${one}${n === 1 || n === 1n ? '' : 's'}`;

function tooSmall(issue: z.core.$ZodIssueTooSmall, field: string): string {
  const { origin, minimum, inclusive = true } = issue;
  if (origin === 'string')
    return minimum === 1 ? `${field} is required` : `${field} must be at least ${plural(minimum, 'character')}`;
  if (origin === 'array' || origin === 'set')
    return minimum === 1 ? `${field}: add at least one` : `${field}: add at least ${minimum}`;
  return inclusive ? `${field} must be at least ${minimum}` : `${field} must be more than ${minimum}`;
}

function tooBig(issue: z.core.$ZodIssueTooBig, field: string): string {
  const { origin, maximum, inclusive = true } = issue;
  if (origin === 'string') return `${field} must be at most ${plural(maximum, 'character')}`;
  if (origin === 'array' || origin === 'set') return `${field}: at most ${maximum}`;
  return inclusive ? `${field} must be at most ${maximum}` : `${field} must be less than ${maximum}`;
}

const listed = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : String(v))).join(', ');

/**
 * The issue's message in words when zod wrote it; the schema's own message otherwise.
 * @example friendlyMessage({ code: 'too_small', origin: 'string', minimum: 1, path: ['params', 'workflow'], message: 'Too small: …' })
 * // 'Workflow is required'
 */
export function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  const field = fieldWords(issue.path);
  switch (issue.code) {
    case 'too_small':
      return tooSmall(issue, field);
    case 'too_big':
      return tooBig(issue, field);
    case 'invalid_type':
      // zod's final issue keeps no input; its message says "received undefined" when the value was missing.
      if (/received undefined$/.test(issue.message)) return `${field} is required`;
      return `${field} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `${field} must be ${listed(issue.values)}`
        : `${field} must be one of: ${listed(issue.values)}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `“${issue.keys[0] ?? ''}” is not a setting here: remove it`
        : `${listed(issue.keys.map((k) => `“${k}”`))} are not settings here: remove them`;
    case 'invalid_format':
      return `${field} must be ${FORMAT_WORDS[issue.format] ?? `a valid ${humanise(issue.format)}`}`;
    case 'not_multiple_of':
      return `${field} must be a multiple of ${String(issue.divisor)}`;
    default:
      return `${field} is not valid`;
  }
}
