/**
 * Resolves the caller of an /api request from the session cookie or an
 * `Authorization: Bearer atk_…` token, and checks CSRF for cookie-authenticated writes.
 * Resolved credentials are cached briefly (see credential-cache.ts for the bound).
 */
import type { Actor } from '@autonomic/api';
import type { AppContext } from '../../context';
import { AppError, UnauthenticatedError } from '../../errors';
import { findApiTokenByHash, touchApiToken } from '../../store/api-tokens';
import { findSessionByTokenHash } from '../../store/sessions';
import { credentialCacheOf, type CachedCredential } from './credential-cache';
import { API_TOKEN_PREFIX, safeEqual, sha256 } from './secrets';

export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Paths (under /api) that ignore an existing session: logging in again must not need CSRF. */
const SESSIONLESS = new Set(['/auth/login']);
/** A token's lastUsedAt is written at most once per this interval. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export class CsrfError extends AppError {
  constructor() {
    super(403, 'csrf_failed', `missing or wrong ${CSRF_HEADER} header`);
  }
}

/**
 * What a request presents, read by the HTTP layer (`http/actor.ts` `credentialsOf`): the
 * authenticator works on this plain data and never sees the request itself.
 */
export interface Credentials {
  /** The `Authorization` header, verbatim. */
  authorization?: string;
  /** The value of the session cookie. */
  sessionCookie?: string;
  /** The {@link CSRF_HEADER} header. */
  csrfToken?: string;
  /** The HTTP method, upper case. */
  method: string;
  /** The path below `/api`, e.g. `/auth/login`. */
  path: string;
}

/** Resolves the caller of a request, or null when it carries no credentials. */
export interface Authenticator {
  /** Throws an AppError for bad credentials or a failed CSRF check. */
  authenticate(credentials: Credentials): Promise<Actor | null>;
}

export interface AuthenticatorOptions {
  /** How long a resolved credential is trusted without reading the database. @default 5000 */
  cacheTtlMs?: number;
}

export function createAuthenticator(ctx: AppContext, options: AuthenticatorOptions = {}): Authenticator {
  const cache = credentialCacheOf(ctx);
  const ttlMs = options.cacheTtlMs ?? 5000;
  const keep = (found: CachedCredential, now: number) => Math.min(now + ttlMs, found.expiresAt ?? Infinity);
  const lastTouch = new Map<string, number>();

  const resolveSession = async (cookie: string): Promise<CachedCredential | undefined> => {
    const key = `s:${sha256(cookie)}`;
    const now = ctx.clock.now();
    const hit = cache.get(key, now);
    if (hit) return hit;
    const generation = cache.generation();
    const row = await findSessionByTokenHash(ctx.prisma, sha256(cookie));
    if (!row || row.user.disabled || row.expiresAt.getTime() <= now) return undefined;
    const actor: Actor = {
      userId: row.user.id,
      username: row.user.username,
      role: row.user.role,
      via: 'session',
      sessionId: row.id,
    };
    const found = { actor, csrfToken: row.csrfToken, expiresAt: row.expiresAt.getTime() };
    cache.set(key, found, keep(found, now), now, generation);
    return found;
  };

  const touch = (tokenId: string, now: number) => {
    const last = lastTouch.get(tokenId) ?? 0;
    if (now - last < TOKEN_TOUCH_INTERVAL_MS) return;
    lastTouch.set(tokenId, now);
    if (lastTouch.size > 10_000) lastTouch.clear();
    touchApiToken(ctx.prisma, tokenId, new Date(now), new Date(now - TOKEN_TOUCH_INTERVAL_MS)).catch((err: unknown) =>
      ctx.log.warn({ err, tokenId }, 'could not record API token use'),
    );
  };

  const resolveToken = async (token: string): Promise<Actor> => {
    const key = `t:${sha256(token)}`;
    const now = ctx.clock.now();
    const hit = cache.get(key, now);
    if (hit) {
      if (hit.actor.tokenId) touch(hit.actor.tokenId, now);
      return hit.actor;
    }
    const generation = cache.generation();
    const row = await findApiTokenByHash(ctx.prisma, sha256(token));
    const expired = row?.expiresAt && row.expiresAt.getTime() <= now;
    if (!row || row.revokedAt || expired || row.user.disabled) {
      throw new UnauthenticatedError('invalid, expired or revoked API token');
    }
    const actor: Actor = {
      userId: row.user.id,
      username: row.user.username,
      role: row.user.role,
      via: 'token',
      tokenId: row.id,
    };
    const found = { actor, expiresAt: row.expiresAt?.getTime() };
    cache.set(key, found, keep(found, now), now, generation);
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS) touch(row.id, now);
    else lastTouch.set(row.id, row.lastUsedAt.getTime());
    return actor;
  };

  return {
    async authenticate(credentials: Credentials): Promise<Actor | null> {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(credentials.authorization ?? '')?.[1];
      // Other bearer values (e.g. a SIEM's own token sent to a public webhook) are not ours to judge.
      if (bearer?.startsWith(API_TOKEN_PREFIX)) return resolveToken(bearer);

      const cookie = credentials.sessionCookie;
      if (!cookie || SESSIONLESS.has(credentials.path)) return null;
      // An unknown or expired cookie is anonymous: public routes still work, others answer 401.
      const session = await resolveSession(cookie);
      if (!session) return null;
      if (UNSAFE.has(credentials.method)) {
        const header = credentials.csrfToken;
        if (!header || !session.csrfToken || !safeEqual(header, session.csrfToken)) throw new CsrfError();
      }
      return session.actor;
    },
  };
}
