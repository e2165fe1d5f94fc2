/**
 * The audit log, read-only: managers read everything (oversight), admins everything.
 * Newest first in keyset pages (pass `nextCursor` back as `cursor`).
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant } from '../fields';

const Text = z.string().trim().min(1).max(200);

export const AuditQuery = z
  .object({
    targetType: Text.optional(),
    targetId: Text.optional(),
    action: Text.optional(),
    /** An actor label (`system:executor`) or its prefix up to a colon (`user:<id>`). */
    actor: Text.optional(),
    /** Inclusive. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Exclusive. */
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['from'],
    message: 'from must not be after to',
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

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
    response: z.object({ events: z.array(AuditEvent), nextCursor: z.string().nullable() }),
  }),
};
