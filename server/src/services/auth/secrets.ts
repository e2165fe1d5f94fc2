/** Random credentials and how they are stored: only a SHA-256 of each ever reaches the database. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of API tokens, so that scanners and people recognise a leaked one. */
export const API_TOKEN_PREFIX = 'atk_';

/** 32 random bytes, base64url (43 characters). */
export const randomSecret = (): string => randomBytes(32).toString('base64url');

export const newApiToken = (): string => `${API_TOKEN_PREFIX}${randomSecret()}`;

/** Hex SHA-256: the stored form of a session cookie or an API token. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Constant-time string equality (hashing first makes the lengths equal). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
