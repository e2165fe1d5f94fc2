/** Users: reads never return `passwordHash` except `findUserCredentials`, used by login only. */
import { Prisma } from '../generated/prisma/client';
import type { Db } from './db';
import type { UserRole } from '../generated/prisma/enums';

/** What anyone signed in may see of a user. */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
}

/** What an admin sees. */
export interface UserRecord extends UserSummary {
  disabled: boolean;
  createdAt: Date;
}

const summary = { id: true, username: true, displayName: true, role: true } as const;
const record = { ...summary, disabled: true, createdAt: true } as const;

export function findUserCredentials(db: Db, username: string) {
  return db.user.findUnique({ where: { username }, select: { ...record, passwordHash: true } });
}

export function findUserCredentialsById(db: Db, id: string) {
  return db.user.findUnique({ where: { id }, select: { ...record, passwordHash: true } });
}

export function findUser(db: Db, id: string): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { id }, select: record });
}

export function listUsers(db: Db): Promise<UserRecord[]> {
  return db.user.findMany({ select: record, orderBy: { username: 'asc' } });
}

/** Enabled users only: the people one can pick as reviewers or assignees. */
export function listUserDirectory(db: Db): Promise<UserSummary[]> {
  return db.user.findMany({ where: { disabled: false }, select: summary, orderBy: { username: 'asc' } });
}

export function countUsers(db: Db): Promise<number> {
  return db.user.count();
}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
}

/** The new user, or null when the username is taken (inside a transaction, that transaction is then unusable). */
export async function insertUser(db: Db, user: NewUser): Promise<UserRecord | null> {
  try {
    return await db.user.create({ data: user, select: record });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
    throw e;
  }
}

/** Inserts users whose username is free; returns how many were inserted. */
export async function insertUsersIfAbsent(db: Db, users: readonly NewUser[]): Promise<number> {
  const { count } = await db.user.createMany({ data: [...users], skipDuplicates: true });
  return count;
}

export interface UserChanges {
  displayName?: string;
  role?: UserRole;
  disabled?: boolean;
  passwordHash?: string;
}

export function updateUser(db: Db, id: string, changes: UserChanges): Promise<UserRecord> {
  return db.user.update({ where: { id }, data: changes, select: record });
}

/**
 * Locks the rows of every enabled admin until the transaction ends and returns their
 * ids, so that two admins demoting each other at once cannot leave none.
 */
export async function lockEnabledAdmins(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}
