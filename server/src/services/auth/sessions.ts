/** Signing in and out, who am I, and changing one's own password. */
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { ChangePasswordBody, type Actor, type PasswordChanged, type SignedIn } from '@autonomic/api';
import { AppError, UnauthenticatedError } from '../../errors';
import { listActiveApiTokens } from '../../store/api-tokens';
import { transaction } from '../../store/db';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSessionCsrf,
  insertSession,
} from '../../store/sessions';
import {
  findUser,
  findUserCredentials,
  findUserCredentialsById,
  updateUser,
  type UserSummary,
} from '../../store/users';
import { recordAudit } from '../audit';
import type { CredentialCache } from './credential-cache';
import type { PasswordHasher } from './password';
import { normaliseUsername } from './policy';
import type { LoginRateLimiter } from './rate-limit';
import { randomSecret, sha256 } from './secrets';

/** The one answer for unknown users, wrong passwords and disabled accounts. */
export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'invalid_credentials', 'invalid username or password');
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

export interface LoginResult extends SignedIn {
  csrfToken: string;
  /** The cookie value: returned once, stored only as its SHA-256. */
  cookie: string;
  expiresAt: Date;
}

export interface SessionDeps {
  ctx: AppContext;
  hasher: PasswordHasher;
  limiter: LoginRateLimiter;
  cache: CredentialCache;
  sessionTtlMs: number;
}

const summaryOf = ({ id, username, displayName, role }: UserSummary): UserSummary => ({
  id,
  username,
  displayName,
  role,
});

export function createSessionService({ ctx, hasher, limiter, cache, sessionTtlMs }: SessionDeps) {
  const { prisma } = ctx;

  const checkRate = (ip: string, username: string) => {
    const waitMs = limiter.retryAfterMs(ip, username);
    if (waitMs > 0) throw new RateLimitedError(Math.ceil(waitMs / 1000));
  };

  const failed = (ip: string, username: string, error: AppError = new InvalidCredentialsError()): never => {
    limiter.recordFailure(ip, username);
    ctx.log.warn({ username, ip }, 'password check failed');
    throw error;
  };

  return {
    /** @throws RateLimitedError before checking anything once the limit is reached */
    async login(input: { username: string; password: string; ip: string }): Promise<LoginResult> {
      const username = normaliseUsername(input.username);
      checkRate(input.ip, username);
      const user = await findUserCredentials(prisma, username);
      // Unknown users cost the same scrypt work, so timing does not reveal which names exist.
      const ok = user
        ? await hasher.verify(input.password, user.passwordHash)
        : await hasher.dummyVerify(input.password);
      if (!user || !ok || user.disabled) return failed(input.ip, username);
      limiter.recordSuccess(input.ip, username);

      const now = new Date(ctx.clock.now());
      const cookie = randomSecret();
      const csrfToken = randomSecret();
      const expiresAt = new Date(now.getTime() + sessionTtlMs);
      const passwordHash = hasher.needsRehash(user.passwordHash) ? await hasher.hash(input.password) : undefined;
      const session = await transaction(prisma, async (tx) => {
        if (passwordHash) await updateUser(tx, user.id, { passwordHash });
        await deleteExpiredSessions(tx, user.id, now);
        const created = await insertSession(tx, { tokenHash: sha256(cookie), userId: user.id, csrfToken, expiresAt });
        const actor: Actor = { userId: user.id, username, role: user.role, via: 'session', sessionId: created.id };
        await recordAudit(tx, { actor, action: 'auth.login', targetType: 'user', targetId: user.id });
        return created;
      });
      ctx.log.info({ username, sessionId: session.id }, 'signed in');
      return { user: summaryOf(user), csrfToken, cookie, expiresAt };
    },

    /** Ends the caller's session; a no-op for token callers and anonymous ones. */
    async logout(actor: Actor | null): Promise<void> {
      if (actor?.via !== 'session' || !actor.sessionId) return;
      const sessionId = actor.sessionId;
      await transaction(prisma, async (tx) => {
        await deleteSession(tx, sessionId);
        await recordAudit(tx, { actor, action: 'auth.logout', targetType: 'user', targetId: actor.userId });
      });
      cache.invalidateSession(sessionId);
    },

    async me(actor: Actor): Promise<SignedIn> {
      const user = await findUser(prisma, actor.userId);
      if (!user || user.disabled) throw new UnauthenticatedError();
      const session =
        actor.via === 'session' && actor.sessionId ? await findSessionCsrf(prisma, actor.sessionId) : null;
      if (actor.via === 'session' && !session) throw new UnauthenticatedError();
      return { user: summaryOf(user), csrfToken: session?.csrfToken ?? null };
    },

    /**
     * Keeps the caller's session, ends every other session of the user, and answers with the
     * user's API tokens that still work, so that they can revoke those they no longer trust.
     * Only a signed-in person (session) may: a leaked API token must not be able to lock its
     * owner out.
     * @throws AppError 403 `session_required` for an API token, 403 `wrong_password`
     */
    async changeOwnPassword(
      actor: Actor,
      input: ChangePasswordBody,
      ip: string,
    ): Promise<z.input<typeof PasswordChanged>> {
      if (actor.via !== 'session') {
        throw new AppError(403, 'session_required', 'change your password from a signed-in session');
      }
      const { currentPassword, newPassword } = ChangePasswordBody.parse(input);
      checkRate(ip, actor.username);
      const user = await findUserCredentialsById(prisma, actor.userId);
      if (!user || user.disabled) throw new UnauthenticatedError();
      if (!(await hasher.verify(currentPassword, user.passwordHash))) {
        // Not 401: the caller is signed in, only the password they typed is wrong.
        return failed(ip, actor.username, new AppError(403, 'wrong_password', 'the current password is wrong'));
      }
      const passwordHash = await hasher.hash(newPassword);
      await transaction(prisma, async (tx) => {
        await updateUser(tx, user.id, { passwordHash });
        await deleteUserSessions(tx, user.id, actor.sessionId);
        await recordAudit(tx, {
          actor,
          action: 'user.password_changed',
          targetType: 'user',
          targetId: user.id,
          details: { by: 'self' },
        });
      });
      cache.invalidateUser(user.id);
      return { tokens: await listActiveApiTokens(prisma, user.id, new Date(ctx.clock.now())) };
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
