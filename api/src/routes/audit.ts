/**
 * The audit log, read-only: managers read everything (oversight), admins everything.
 * Newest first in keyset pages both ways (`nextCursor` as `cursor` for older lines,
 * `prevCursor` as `newer` for newer ones), pick-lists of the actions and actors seen, and
 * the filtered lines as CSV. Details never carry a secret's value (`redactAuditDetails`).
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant } from '../fields';

const Text = z.string().trim().min(1).max(200);

/** What a line is filtered by: the list, its export and nothing else share these. */
const AuditFilterFields = z.object({
  targetType: Text.optional(),
  targetId: Text.optional(),
  action: Text.optional(),
  /** An actor label (`system:executor`) or its prefix up to a colon (`user:<id>`). */
  actor: Text.optional(),
  /** Inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive. */
  to: z.iso.datetime({ offset: true }).optional(),
});

const fromNotAfterTo = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to);
const FROM_AFTER_TO = { path: ['from'], message: 'from must not be after to' };

export const AuditQuery = AuditFilterFields.extend({
  /** The page of lines just older than this one: a `nextCursor`. */
  cursor: z.string().max(200).optional(),
  /** The page of lines just newer than this one: a `prevCursor` (not with `cursor`). */
  newer: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
  .strict()
  .refine(fromNotAfterTo, FROM_AFTER_TO)
  .refine((q) => q.cursor === undefined || q.newer === undefined, {
    path: ['newer'],
    message: 'either cursor (older) or newer, not both',
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The export's query: the list's filters, no paging (every matching line). */
export const AuditExportQuery = AuditFilterFields.strict().refine(fromNotAfterTo, FROM_AFTER_TO);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

/**
 * Keys whose value is a secret, at any depth of a line's details: passwords, tokens, API
 * keys, authorisation, cookies, signatures, private keys. A key naming a secret rather
 * than holding one (`tokenId`, `secretName`, `tokensCount`) is kept, as are numbers and booleans.
 */
const SECRET_KEY = /pass(word|phrase|wd)|secret|token|api[-_]?key|authori[sz]ation|cookie|signature|private[-_]?key/i;
const NAMES_A_SECRET = /(id|ids|name|names|count|revoked)$/i;

export const REDACTED = '[redacted]';

/** A copy of a line's details with the value of every secret-holding key replaced by `[redacted]`. */
export function redactAuditDetails(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactAuditDetails(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  return redactAuditRecord(value, depth);
}

/** `redactAuditDetails` of an object: the same keys, secret values replaced. */
export function redactAuditRecord(value: object, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const holdsSecret =
      SECRET_KEY.test(key) &&
      !NAMES_A_SECRET.test(key) &&
      typeof v !== 'number' &&
      typeof v !== 'boolean' &&
      v !== null;
    out[key] = holdsSecret ? REDACTED : redactAuditDetails(v, depth + 1);
  }
  return out;
}

/** One line of the audit log: who did what to which target. */
export const AuditEvent = z.object({
  id: z.string(),
  /** `user:<id>:<username>`, `token:<id>:<username>` or `system:<component>`. */
  actor: z.string(),
  /** Dotted verb, e.g. `version.approved`, `safety.entry_created`. */
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  details: z.unknown(),
  createdAt: Instant,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const auditApi = {
  list: defineRoute({
    method: 'get',
    path: '/audit',
    summary: 'List audit events, newest first (keyset pages: pass nextCursor as cursor)',
    tag: 'audit',
    access: ['manager', 'admin'],
    query: AuditQuery,
    response: z.object({
      events: z.array(AuditEvent),
      /** Pass as `cursor` for the older lines; null: none. */
      nextCursor: z.string().nullable(),
      /** Pass as `newer` for the newer lines; null: none (this is the newest page). */
      prevCursor: z.string().nullable(),
    }),
  }),
  facets: defineRoute({
    method: 'get',
    path: '/audit/facets',
    summary: 'The actions, actors and target types the log holds, for filter pick-lists',
    tag: 'audit',
    access: ['manager', 'admin'],
    response: z.object({
      actions: z.array(z.string()),
      actors: z.array(z.string()),
      targetTypes: z.array(z.string()),
    }),
  }),
  export: defineRoute({
    method: 'get',
    path: '/audit/export.csv',
    summary: 'Every line matching the filters as CSV, newest first (details as JSON, secrets redacted)',
    tag: 'audit',
    access: ['manager', 'admin'],
    query: AuditExportQuery,
    produces: 'csv',
  }),
};
