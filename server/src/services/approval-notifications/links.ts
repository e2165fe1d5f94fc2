/**
 * Signed approve / reject links. A token is `<link id>.<HMAC-SHA256 of the link id, task,
 * user, decision and expiry>` under a key derived from the server's master key, so a
 * token cannot be made for another task, user or decision, nor kept alive longer. Only
 * the token's SHA-256 is stored: the database alone cannot mint a working link, and the
 * token is recomputed from the row when a message is (re)sent. Tokens are never logged.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { LinkRow } from '../../store/approval-notifications';

export type LinkDecision = 'approved' | 'rejected';

/** The HMAC key of approval links: its own key, derived from the master key (never the key itself). */
export const linkKeyOf = (masterKey: Buffer): Buffer =>
  createHmac('sha256', masterKey).update('autonomic approval links v1').digest();

const signed = (l: Pick<LinkRow, 'id' | 'taskId' | 'userId' | 'decision' | 'expiresAt'>) =>
  [l.id, l.taskId, l.userId, l.decision, String(l.expiresAt.getTime())].join('\n');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function tokenOf(
  key: Buffer,
  link: Pick<LinkRow, 'id' | 'taskId' | 'userId' | 'decision' | 'expiresAt'>,
): string {
  return `${link.id}.${createHmac('sha256', key).update(signed(link)).digest('base64url')}`;
}

/** A fresh link row for this approver and decision (its id is part of what is signed). */
export function newLink(
  key: Buffer,
  fields: { taskId: string; userId: string; username: string; decision: LinkDecision; expiresAt: Date },
): Omit<LinkRow, 'usedAt'> {
  const base = { id: randomUUID(), ...fields };
  return { ...base, tokenHash: hashToken(tokenOf(key, base)) };
}

/** Whether the token is this row's, signature checked in constant time. */
export function verifies(key: Buffer, token: string, link: LinkRow): boolean {
  const expected = Buffer.from(tokenOf(key, link));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The shape of a token (before any lookup): a UUID, a dot, 43 base64url characters. */
export const TOKEN_PATTERN = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/;
