/**
 * The real app with the REAL authenticator (not the test stand-in), the auth, user and
 * token routes, a fake clock and the cheap scrypt cost (TEST_SCRYPT, ~4 ms per hash).
 */
import request from 'supertest';
import type { Clock } from '../../src/engine';
import type { PrismaClient } from '../../src/generated/prisma/client';
import type { Role } from '@autonomic/api';
import { buildApp } from '../../src/http/app';
import { authRoutes } from '../../src/http/routes/auth';
import { tokenRoutes } from '../../src/http/routes/tokens';
import { userRoutes } from '../../src/http/routes/users';
import { SESSION_COOKIE } from '../../src/http/cookies';
import { createAuthService, TEST_SCRYPT, type AuthOptions } from '../../src/services/auth';
import { testContext } from '../support/app';

export const PASSWORD = 'correct horse battery';

/** A clock the test moves by hand. */
export function fakeClock(start = Date.parse('2026-01-05T09:00:00Z')): Clock & { advance(ms: number): void } {
  let t = start;
  return { now: () => t, sleep: async () => undefined, advance: (ms) => void (t += ms) };
}

export function authApp(prisma: PrismaClient, options: AuthOptions = {}) {
  const clock = fakeClock();
  const ctx = { ...testContext(prisma), clock };
  const auth = createAuthService(ctx, { scrypt: TEST_SCRYPT, ...options });
  const deps = { ctx, auth };
  const { app } = buildApp({
    ctx,
    authenticator: auth.authenticator,
    modules: [authRoutes(deps), userRoutes(deps), tokenRoutes(deps)],
  });
  let n = 0;

  /** Inserts a user whose password is PASSWORD. */
  const user = async (role: Role, username = `${role}-${++n}-${Date.now() % 100_000}`) =>
    prisma.user.create({
      data: { username, displayName: username, role, passwordHash: await auth.hasher.hash(PASSWORD) },
    });

  /** Signs in; returns the `Cookie` header value and the CSRF token. */
  const login = async (username: string, password = PASSWORD) => {
    const res = await request(app).post('/api/auth/login').send({ username, password }).expect(200);
    const cookie = sessionCookie(res.headers['set-cookie']);
    return { cookie: `${SESSION_COOKIE}=${cookie?.value ?? ''}`, csrf: String(res.body.csrfToken), res };
  };

  return { app, ctx, clock, auth, user, login };
}

/** Finds the session cookie among Set-Cookie headers: its value and its attributes, lower-cased. */
export function sessionCookie(header: string | string[] | undefined) {
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const line = all.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!line) return undefined;
  const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
  return { value: pair.slice(SESSION_COOKIE.length + 1), attrs: attrs.map((a) => a.toLowerCase()) };
}
