/** Sign in, sign out, who am I, change my password. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  ChangePasswordSchema,
  RateLimitedError,
  RoleSchema,
  SESSION_COOKIE,
  type AuthService,
} from '../../services/auth';
import { clearedCookieOptions, sessionCookieOptions } from '../../services/auth/cookie';
import type { RouteModule } from '../app';

/** What the auth, user and token route modules need. */
export interface AuthDeps {
  ctx: AppContext;
  auth: AuthService;
}

export const UserSummaryResponse = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
});

const SignedInResponse = z.object({
  user: UserSummaryResponse,
  /** Send it back as `x-csrf-token` on every POST/PUT/PATCH/DELETE made with the cookie; null for API tokens. */
  csrfToken: z.string().nullable(),
});

const LoginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});

const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** Sets Retry-After on a rate-limited answer, then lets the error middleware answer. */
async function withRetryAfter<T>(res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof RateLimitedError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
    throw e;
  }
}

export function authRoutes({ ctx, auth }: AuthDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'post',
        path: '/auth/login',
        summary: 'Sign in: sets the httpOnly session cookie and returns the CSRF token',
        tag: 'auth',
        access: 'public',
        body: LoginBody,
        response: SignedInResponse,
      },
      async ({ body, req, res }) => {
        const result = await withRetryAfter(res, () => auth.sessions.login({ ...body, ip: clientIp(req) }));
        res.cookie(SESSION_COOKIE, result.cookie, sessionCookieOptions(ctx.config, auth.sessionTtlMs));
        return { user: result.user, csrfToken: result.csrfToken };
      },
    );

    api.add(
      {
        method: 'post',
        path: '/auth/logout',
        summary: 'Sign out: ends the session and clears the cookie',
        tag: 'auth',
        access: 'public',
        status: 204,
      },
      async ({ actor, res }) => {
        await auth.sessions.logout(actor);
        res.clearCookie(SESSION_COOKIE, clearedCookieOptions(ctx.config));
        return undefined;
      },
    );

    api.add(
      {
        method: 'get',
        path: '/auth/me',
        summary: 'The signed-in user and the CSRF token of the session',
        tag: 'auth',
        access: 'authenticated',
        response: SignedInResponse,
      },
      ({ actor }) => auth.sessions.me(actor),
    );

    api.add(
      {
        method: 'post',
        path: '/auth/password',
        summary: 'Change your own password (ends your other sessions)',
        tag: 'auth',
        access: 'authenticated',
        body: ChangePasswordSchema,
        status: 204,
      },
      async ({ actor, body, req, res }) => {
        await withRetryAfter(res, () => auth.sessions.changeOwnPassword(actor, body, clientIp(req)));
        return undefined;
      },
    );
  };
}
