import type { z } from 'zod';
import { TRIGGER_TYPES } from '../nodes';
import { isRecord, problemAt, rawTriggerId, type Problem } from '../problem';
import { friendlyMessage } from './zod-words';

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isRecord(value) && typeof key === 'string' && Object.hasOwn(value, key)) value = value[key];
    else return undefined;
  }
  return value;
}

/**
 * A zod issue's message, made specific where zod's own is generic: a bad record key
 * says which key and why (`"Bad" is not allowed as a name: it must be a port id`), an unknown node type names
 * the type instead of listing the fifteen it is not; zod's other defaults in words
 * (`friendlyMessage`).
 */
export function issueMessage(issue: z.core.$ZodIssue, raw?: unknown): string {
  if (issue.code === 'invalid_key') {
    const key = issue.path[issue.path.length - 1];
    const why = issue.issues.map(friendlyMessage).join('; ');
    return `"${String(key)}" is not allowed as a name: it must be ${why}`;
  }
  if (issue.code === 'invalid_union' && issue.discriminator === 'type' && raw !== undefined) {
    const type = valueAt(raw, issue.path);
    const onTrigger = issue.path[0] === 'trigger';
    if (type === undefined) return 'the node type is missing';
    if (typeof type !== 'string') return 'the node type must be a string';
    if (onTrigger) return `"${type}" is not a trigger type`;
    return TRIGGER_TYPES.includes(type) ? `"${type}" is a trigger, not a step` : `"${type}" is not a node type`;
  }
  return friendlyMessage(issue);
}

/** Every zod issue of `raw` as a problem on the node it concerns. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], raw: unknown): Problem[] {
  const triggerId = rawTriggerId(raw);
  return issues.map((issue) => problemAt(issue.path, issueMessage(issue, raw), triggerId));
}
