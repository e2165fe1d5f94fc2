/** API tokens: looked up by the SHA-256 of the token; the token itself is never stored. */
import type { Db } from './db';

/** A token as its owner may see it: never the secret, nor its hash. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  userId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const info = {
  id: true,
  name: true,
  userId: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

export interface NewApiToken {
  name: string;
  tokenHash: string;
  userId: string;
  expiresAt: Date | null;
}

export function insertApiToken(db: Db, token: NewApiToken): Promise<ApiTokenInfo> {
  return db.apiToken.create({ data: token, select: info });
}

export function findApiTokenByHash(db: Db, tokenHash: string) {
  return db.apiToken.findUnique({
    where: { tokenHash },
    select: { ...info, user: { select: { id: true, username: true, role: true, disabled: true } } },
  });
}

export function findApiToken(db: Db, id: string): Promise<ApiTokenInfo | null> {
  return db.apiToken.findUnique({ where: { id }, select: info });
}

export function listApiTokens(db: Db, userId: string): Promise<ApiTokenInfo[]> {
  return db.apiToken.findMany({ where: { userId }, select: info, orderBy: { createdAt: 'desc' } });
}

/** Every user's tokens with the owner's username, newest first (the admin's list). */
export async function listAllApiTokens(db: Db): Promise<(ApiTokenInfo & { owner: string })[]> {
  const rows = await db.apiToken.findMany({
    select: { ...info, user: { select: { username: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map(({ user, ...t }) => ({ ...t, owner: user.username }));
}

/** Revokes the token unless it already is; true when this call revoked it. */
export async function revokeApiToken(db: Db, id: string, at: Date): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  return count === 1;
}

/** Sets lastUsedAt unless another writer set it after `staleBefore` (at most one write per interval). */
export async function touchApiToken(db: Db, id: string, at: Date, staleBefore: Date): Promise<void> {
  await db.apiToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
    data: { lastUsedAt: at },
  });
}

/** The user's tokens that still work at `now`: not revoked, not expired; newest first. */
export function listActiveApiTokens(db: Db, userId: string, now: Date): Promise<ApiTokenInfo[]> {
  return db.apiToken.findMany({
    where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: info,
    orderBy: { createdAt: 'desc' },
  });
}

/** Revokes every token of the user not revoked yet; returns those this call revoked. */
export function revokeUserApiTokens(db: Db, userId: string, at: Date): Promise<ApiTokenInfo[]> {
  return db.apiToken.updateManyAndReturn({ where: { userId, revokedAt: null }, data: { revokedAt: at }, select: info });
}
