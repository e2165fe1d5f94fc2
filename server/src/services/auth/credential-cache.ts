/**
 * A short-lived, in-process cache of credential → actor, so that a hot API path does not
 * read the database on every request. Logout, revocation, disabling and role changes made
 * in this process invalidate it at once; another server process sees such a change only
 * when its own entry expires, i.e. within the authenticator's `cacheTtlMs` (5 s by default).
 */
import type { AppContext } from '../../context';
import type { Actor } from '@autonomic/api';

export interface CachedCredential {
  actor: Actor;
  /** Session credentials only. */
  csrfToken?: string;
  /** The credential's own expiry (ms since epoch), if any. */
  expiresAt?: number;
}

interface Entry extends CachedCredential {
  cachedUntil: number;
}

export interface CredentialCache {
  get(key: string, now: number): CachedCredential | undefined;
  /**
   * Bumped by every invalidation. Read it before loading a credential and pass it to
   * `set`: a load that raced with a logout or revocation is then not cached.
   */
  generation(): number;
  /** Keeps `value` until `until` (ms since epoch) unless an invalidation happened since `generation`. */
  set(key: string, value: CachedCredential, until: number, now: number, generation: number): void;
  invalidateUser(userId: string): void;
  invalidateSession(sessionId: string): void;
  invalidateToken(tokenId: string): void;
}

export function createCredentialCache(maxEntries = 10_000): CredentialCache {
  const entries = new Map<string, Entry>();
  let gen = 0;
  const dropWhere = (match: (e: Entry) => boolean) => {
    for (const [key, e] of entries) if (match(e)) entries.delete(key);
  };
  const invalidate = (match: (e: Entry) => boolean) => {
    gen += 1;
    dropWhere(match);
  };

  return {
    get(key, now) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.cachedUntil <= now) {
        entries.delete(key);
        return undefined;
      }
      return e;
    },
    generation: () => gen,
    set(key, value, until, now, generation) {
      if (until <= now || generation !== gen) return;
      if (entries.size >= maxEntries) dropWhere((e) => e.cachedUntil <= now);
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, { ...value, cachedUntil: until });
    },
    invalidateUser: (userId) => invalidate((e) => e.actor.userId === userId),
    invalidateSession: (sessionId) => invalidate((e) => e.actor.sessionId === sessionId),
    invalidateToken: (tokenId) => invalidate((e) => e.actor.tokenId === tokenId),
  };
}

const perContext = new WeakMap<AppContext, CredentialCache>();

/**
 * The one cache of an AppContext: the authenticator and the services that invalidate
 * entries (logout, revoke, disable) must share it, even when created separately.
 */
export function credentialCacheOf(ctx: AppContext): CredentialCache {
  let cache = perContext.get(ctx);
  if (!cache) {
    cache = createCredentialCache();
    perContext.set(ctx, cache);
  }
  return cache;
}
