import { redactAuditRecord, type Actor } from '@autonomic/api';
import { insertAuditEvent } from '../store/audit';
import type { Db } from '../store/db';

export interface AuditEntry {
  /** A user/token, or a system component such as `system:executor`. */
  actor: Actor | `system:${string}`;
  /** Dotted verb, e.g. `version.approved`, `approval.break_glass`, `safety.entry_created`. */
  action: string;
  targetType: string;
  targetId: string;
  beforeHash?: string | null;
  afterHash?: string | null;
  details?: Record<string, unknown>;
}

export function actorLabel(actor: AuditEntry['actor']): string {
  if (typeof actor === 'string') return actor;
  return actor.via === 'token' ? `token:${actor.tokenId}:${actor.username}` : `user:${actor.userId}:${actor.username}`;
}

/**
 * Appends to the audit log; the value of a secret-named key in `details` is stored as
 * `[redacted]` (a line is read by every manager: it must never carry a secret). Pass the transaction client when the audited change is
 * transactional, so that the change and its audit line commit together or not at all.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(db, {
    actor: actorLabel(entry.actor),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    beforeHash: entry.beforeHash ?? null,
    afterHash: entry.afterHash ?? null,
    details: redactAuditRecord(entry.details ?? {}),
  });
}
