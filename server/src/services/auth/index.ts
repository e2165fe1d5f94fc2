/**
 * Authentication, sessions, API tokens and user administration.
 *
 * @example
 * const auth = createAuthService(ctx);
 * buildApp({ ctx, authenticator: auth.authenticator, modules: [authRoutes({ ctx, auth }), userRoutes({ ctx, auth }), tokenRoutes({ ctx, auth })] });
 *
 * Tests pass `{ scrypt: TEST_SCRYPT }` (~4 ms per hash instead of ~80 ms); production
 * never sets it.
 */
import type { AppContext } from '../../context';
import { createAuthenticator, type Authenticator } from './authenticator';
import { credentialCacheOf } from './credential-cache';
import { createPasswordHasher, DEFAULT_SCRYPT, type PasswordHasher, type ScryptParams } from './password';
import { createLoginRateLimiter, type RateLimitOptions } from './rate-limit';
import { createSessionService, type SessionService } from './sessions';
import { createTokenService, type TokenService } from './tokens';
import { createUserService, type UserService } from './users';

export interface AuthOptions {
  /** scrypt cost of new hashes. @default DEFAULT_SCRYPT (N=2^15, r=8, p=1); tests: TEST_SCRYPT */
  scrypt?: ScryptParams;
  /** Failed-login limits. @default 10 per (IP, username) and 50 per IP per 15 minutes */
  rateLimit?: Partial<RateLimitOptions>;
  /** Seconds-scale cache of credential → actor. @default 5000 */
  cacheTtlMs?: number;
  /** @default 12 hours */
  sessionTtlMs?: number;
}

/** @default 12 hours */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface AuthService {
  authenticator: Authenticator;
  hasher: PasswordHasher;
  sessions: SessionService;
  tokens: TokenService;
  users: UserService;
  sessionTtlMs: number;
}

export function createAuthService(ctx: AppContext, options: AuthOptions = {}): AuthService {
  const hasher = createPasswordHasher(options.scrypt ?? DEFAULT_SCRYPT);
  const cache = credentialCacheOf(ctx);
  const limiter = createLoginRateLimiter(ctx.clock, options.rateLimit);
  const sessionTtlMs = options.sessionTtlMs ?? SESSION_TTL_MS;
  return {
    authenticator: createAuthenticator(ctx, { cacheTtlMs: options.cacheTtlMs }),
    hasher,
    sessions: createSessionService({ ctx, hasher, limiter, cache, sessionTtlMs }),
    tokens: createTokenService({ ctx, cache }),
    users: createUserService({ ctx, hasher, cache }),
    sessionTtlMs,
  };
}

export {
  createAuthenticator,
  CSRF_HEADER,
  TOKEN_TOUCH_INTERVAL_MS,
  type Authenticator,
  type Credentials,
} from './authenticator';
export { createPasswordHasher, DEFAULT_SCRYPT, TEST_SCRYPT, type PasswordHasher, type ScryptParams } from './password';
export * from './policy';
export { InvalidCredentialsError, RateLimitedError } from './sessions';
