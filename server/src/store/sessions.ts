/** Sessions: looked up by the SHA-256 of the cookie; the cookie itself is never stored. */
import type { Db } from './db';

export interface NewSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

export function insertSession(db: Db, session: NewSession) {
  return db.session.create({ data: session, select: { id: true, expiresAt: true } });
}

/** The session and the user it belongs to (without the password hash). */
export function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db.session.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      csrfToken: true,
      expiresAt: true,
      user: { select: { id: true, username: true, role: true, disabled: true } },
    },
  });
}

export function findSessionCsrf(db: Db, id: string) {
  return db.session.findUnique({ where: { id }, select: { csrfToken: true, userId: true } });
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}

/** Ends every session of a user, except `keepId` (the caller's own, when it changes its password). */
export async function deleteUserSessions(db: Db, userId: string, keepId?: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keepId ? { id: { not: keepId } } : {}) } });
  return count;
}

export async function deleteExpiredSessions(db: Db, userId: string, now: Date): Promise<void> {
  await db.session.deleteMany({ where: { userId, expiresAt: { lte: now } } });
}
