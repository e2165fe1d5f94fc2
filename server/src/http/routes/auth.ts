/** Sign in, sign out, who am I, change my password (contract: `authApi` in @autonomic/api). */
import { authApi } from '@autonomic/api';
import type { Request, Response } from 'express';
import type { AppContext } from '../../context';
import { RateLimitedError, type AuthService } from '../../services/auth';
import { clearedCookieOptions, SESSION_COOKIE, sessionCookieOptions } from '../cookies';
import type { RouteModule } from '../app';

/** What the auth, user and token route modules need. */
export interface AuthDeps {
  ctx: AppContext;
  auth: AuthService;
}

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
    api.add(authApi.login, async ({ body, req, res }) => {
      const result = await withRetryAfter(res, () => auth.sessions.login({ ...body, ip: clientIp(req) }));
      res.cookie(SESSION_COOKIE, result.cookie, sessionCookieOptions(ctx.config, auth.sessionTtlMs));
      return { user: result.user, csrfToken: result.csrfToken };
    });

    api.add(authApi.logout, async ({ actor, res }) => {
      await auth.sessions.logout(actor);
      res.clearCookie(SESSION_COOKIE, clearedCookieOptions(ctx.config));
      return undefined;
    });

    api.add(authApi.me, ({ actor }) => auth.sessions.me(actor));

    api.add(authApi.password, ({ actor, body, req, res }) =>
      withRetryAfter(res, () => auth.sessions.changeOwnPassword(actor, body, clientIp(req))),
    );
  };
}
