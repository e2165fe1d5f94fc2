/**
 * Failed-login counters, in this process only: a deployment with several server
 * processes shares no counter, so an attacker spreading attempts over N processes gets
 * N times the budget. That is still a hard cap per process; a shared limiter (a table
 * or the reverse proxy) is the fix when it matters.
 */
import type { Clock } from '../../engine';

export interface RateLimitOptions {
  /** Failures allowed per (client IP, username) in one window. @default 10 */
  perUser: number;
  /** Failures allowed per client IP, all usernames together, in one window. @default 50 */
  perIp: number;
  /** @default 15 minutes */
  windowMs: number;
  /** Counters kept at most; beyond it the oldest are dropped. @default 10000 */
  maxKeys: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  perUser: 10,
  perIp: 50,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
};

interface Counter {
  failures: number;
  /** When the window that started with the first failure ends. */
  resetAt: number;
}

export interface LoginRateLimiter {
  /** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(ip: string, username: string): number;
  recordFailure(ip: string, username: string): void;
  /** A successful login clears the (IP, username) counter; the IP counter keeps counting. */
  recordSuccess(ip: string, username: string): void;
}

export function createLoginRateLimiter(clock: Clock, options: Partial<RateLimitOptions> = {}): LoginRateLimiter {
  const opts = { ...DEFAULT_RATE_LIMIT, ...options };
  const counters = new Map<string, Counter>();
  const userKey = (ip: string, username: string) => `u\u0000${ip}\u0000${username}`;
  const ipKey = (ip: string) => `i\u0000${ip}`;

  const live = (key: string, now: number): Counter | undefined => {
    const c = counters.get(key);
    if (c && c.resetAt <= now) {
      counters.delete(key);
      return undefined;
    }
    return c;
  };
  const blockedFor = (key: string, limit: number, now: number) => {
    const c = live(key, now);
    return c && c.failures >= limit ? c.resetAt - now : 0;
  };
  const bump = (key: string, now: number) => {
    const c = live(key, now);
    if (c) {
      c.failures += 1;
      return;
    }
    if (counters.size >= opts.maxKeys) evict(now);
    counters.set(key, { failures: 1, resetAt: now + opts.windowMs });
  };
  const evict = (now: number) => {
    for (const [key, c] of counters) if (c.resetAt <= now) counters.delete(key);
    // Still full: drop the oldest (Map keeps insertion order).
    for (const key of counters.keys()) {
      if (counters.size < opts.maxKeys) break;
      counters.delete(key);
    }
  };

  return {
    retryAfterMs(ip, username) {
      const now = clock.now();
      return Math.max(blockedFor(userKey(ip, username), opts.perUser, now), blockedFor(ipKey(ip), opts.perIp, now));
    },
    recordFailure(ip, username) {
      const now = clock.now();
      bump(userKey(ip, username), now);
      bump(ipKey(ip), now);
    },
    recordSuccess(ip, username) {
      counters.delete(userKey(ip, username));
    },
  };
}
