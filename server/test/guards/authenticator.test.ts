/**
 * The authenticator on its own (the routes' view of it is in auth/sessions.test.ts and
 * auth/tokens.test.ts): which credentials resolve to whom, when a cookie write needs the
 * CSRF token, and how long a resolved credential is trusted without the database. The
 * clock is virtual: expiry and cache times are set, never waited for.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context';
import { createVirtualClock, type VirtualClock } from '../../src/engine';
import { createAuthenticator, CSRF_HEADER, type Credentials } from '../../src/services/auth/authenticator';
import { sha256 } from '../../src/services/auth/secrets';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testContext } from '../support/app';

const T0 = Date.parse('2025-03-01T12:00:00Z');
const TTL = 5_000;
let db: TestDatabase;
let clock: VirtualClock;
let ctx: AppContext;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());
beforeEach(() => {
  // A new context per test: the credential cache lives per context.
  clock = createVirtualClock({ start: T0 });
  ctx = { ...testContext(db.prisma), clock };
});

const unique = () => randomBytes(8).toString('hex');
const auth = () => createAuthenticator(ctx, { cacheTtlMs: TTL });

async function sessionFor(opts: { expiresInMs?: number; disabled?: boolean } = {}) {
  const user = await createUser(db.prisma, 'analyst');
  if (opts.disabled) await db.prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
  const cookie = `cookie-${unique()}`;
  const csrf = `csrf-${unique()}`;
  const row = await db.prisma.session.create({
    data: {
      tokenHash: sha256(cookie),
      userId: user.id,
      csrfToken: csrf,
      expiresAt: new Date(T0 + (opts.expiresInMs ?? 3_600_000)),
    },
  });
  return { user, cookie, csrf, sessionId: row.id };
}

async function tokenFor(opts: { expiresInMs?: number; revoked?: boolean; lastUsedAgoMs?: number } = {}) {
  const user = await createUser(db.prisma, 'reviewer');
  const token = `atk_${unique()}`;
  const row = await db.prisma.apiToken.create({
    data: {
      name: 'ci',
      tokenHash: sha256(token),
      userId: user.id,
      ...(opts.expiresInMs === undefined ? {} : { expiresAt: new Date(T0 + opts.expiresInMs) }),
      ...(opts.revoked ? { revokedAt: new Date(T0 - 1) } : {}),
      ...(opts.lastUsedAgoMs === undefined ? {} : { lastUsedAt: new Date(T0 - opts.lastUsedAgoMs) }),
    },
  });
  return { user, token, tokenId: row.id };
}

const get = (more: Partial<Credentials>): Credentials => ({ method: 'GET', path: '/workflows', ...more });

const lastUsedOf = async (tokenId: string) =>
  (await db.prisma.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt?.getTime() ?? null;
/** The write of lastUsedAt is not awaited by the request: wait for it (a condition, not a time). */
const POLL = { timeout: 15_000, interval: 20 };

describe('guards, authenticator: API tokens', () => {
  it('when a valid atk_ bearer token is sent then it resolves to its user, via token', async () => {
    const t = await tokenFor();

    const actor = await auth().authenticate(get({ authorization: `Bearer ${t.token}` }));

    expect(actor).toEqual({
      userId: t.user.id,
      username: t.user.username,
      role: 'reviewer',
      via: 'token',
      tokenId: t.tokenId,
    });
  });

  it('when the scheme is written in another case or with extra spaces then the token is still read', async () => {
    const t = await tokenFor();

    const actor = await auth().authenticate(get({ authorization: `bearer   ${t.token}  ` }));

    expect(actor?.tokenId).toBe(t.tokenId);
  });

  it.each([
    ['unknown', {}],
    ['revoked', { revoked: true }],
    ['expired', { expiresInMs: -1 }],
    ['expiring this very millisecond', { expiresInMs: 0 }],
  ])('when an atk_ token is %s then it is refused with 401, never treated as anonymous', async (what, opts) => {
    const t = await tokenFor(opts);
    const token = what === 'unknown' ? `atk_${unique()}` : t.token;

    await expect(auth().authenticate(get({ authorization: `Bearer ${token}` }))).rejects.toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
  });

  it("when a token's user is disabled then it is refused with 401", async () => {
    const t = await tokenFor();
    await db.prisma.user.update({ where: { id: t.user.id }, data: { disabled: true } });

    await expect(auth().authenticate(get({ authorization: `Bearer ${t.token}` }))).rejects.toMatchObject({
      status: 401,
    });
  });

  it('when a token expires one millisecond from now then it still works', async () => {
    const t = await tokenFor({ expiresInMs: 1 });

    expect((await auth().authenticate(get({ authorization: `Bearer ${t.token}` })))?.tokenId).toBe(t.tokenId);
  });

  it('when another bearer value is sent (not ours) then it is ignored: no caller, no error', async () => {
    const a = auth();
    expect(await a.authenticate(get({ authorization: 'Bearer siem-own-token' }))).toBeNull();
    expect(await a.authenticate(get({ authorization: 'Basic YTpi' }))).toBeNull();
  });

  it('when a token is checked with a cookie too then the token decides, and a write needs no CSRF token', async () => {
    const t = await tokenFor();
    const s = await sessionFor();

    const actor = await auth().authenticate({
      method: 'DELETE',
      path: '/workflows/x',
      authorization: `Bearer ${t.token}`,
      sessionCookie: s.cookie,
    });

    expect(actor?.userId).toBe(t.user.id);
  });

  it('when a token is revoked in the database then a cached answer is trusted for at most the cache TTL', async () => {
    const t = await tokenFor();
    const a = auth();
    const creds = get({ authorization: `Bearer ${t.token}` });
    await a.authenticate(creds);
    await db.prisma.apiToken.update({ where: { id: t.tokenId }, data: { revokedAt: new Date(T0) } });

    clock.set(T0 + TTL - 1);
    expect((await a.authenticate(creds))?.tokenId).toBe(t.tokenId);
    clock.set(T0 + TTL);
    await expect(a.authenticate(creds)).rejects.toMatchObject({ status: 401 });
  });

  it('when a token expires before the cache TTL ends then the cache stops answering at its expiry', async () => {
    const t = await tokenFor({ expiresInMs: 1_000 });
    const a = auth();
    const creds = get({ authorization: `Bearer ${t.token}` });
    await a.authenticate(creds);

    clock.set(T0 + 1_000);
    await expect(a.authenticate(creds)).rejects.toMatchObject({ status: 401 });
  });

  it('when a token is used for the first time then its lastUsedAt is recorded as now', async () => {
    const t = await tokenFor();

    await auth().authenticate(get({ authorization: `Bearer ${t.token}` }));

    await expect.poll(() => lastUsedOf(t.tokenId), POLL).toBe(T0);
  });

  it('when a token was used less than a minute ago then lastUsedAt is not written again until the minute is over', async () => {
    const t = await tokenFor({ lastUsedAgoMs: 30_000 });
    const a = auth();
    const creds = get({ authorization: `Bearer ${t.token}` });

    await a.authenticate(creds);
    clock.set(T0 + 20_000);
    await a.authenticate(creds);
    // A write at 0 s or 20 s would have moved lastUsedAt into the last minute, and this one would not write.
    clock.set(T0 + 31_000);
    await a.authenticate(creds);

    await expect.poll(() => lastUsedOf(t.tokenId), POLL).toBe(T0 + 31_000);
  });
});

describe('guards, authenticator: session cookies and CSRF', () => {
  it('when a valid session cookie reads then it resolves to its user, via session', async () => {
    const s = await sessionFor();

    const actor = await auth().authenticate(get({ sessionCookie: s.cookie }));

    expect(actor).toEqual({
      userId: s.user.id,
      username: s.user.username,
      role: 'analyst',
      via: 'session',
      sessionId: s.sessionId,
    });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'when a cookie %s lacks the CSRF token or carries a wrong one then it is refused with csrf_failed',
    async (method) => {
      const s = await sessionFor();
      const a = auth();
      const write = { method, path: '/workflows', sessionCookie: s.cookie };

      for (const csrfToken of [undefined, '', `${s.csrf}x`, s.csrf.slice(1)]) {
        await expect(
          a.authenticate({ ...write, ...(csrfToken === undefined ? {} : { csrfToken }) }),
        ).rejects.toMatchObject({
          status: 403,
          code: 'csrf_failed',
          message: `missing or wrong ${CSRF_HEADER} header`,
        });
      }
      expect((await a.authenticate({ ...write, csrfToken: s.csrf }))?.userId).toBe(s.user.id);
    },
  );

  it.each(['GET', 'HEAD', 'OPTIONS'])('when a cookie %s has no CSRF token then it passes', async (method) => {
    const s = await sessionFor();

    expect((await auth().authenticate({ method, path: '/workflows', sessionCookie: s.cookie }))?.userId).toBe(
      s.user.id,
    );
  });

  it('when a cookie is sent to log in then it is ignored: no caller, and no CSRF token needed', async () => {
    const s = await sessionFor();

    expect(await auth().authenticate({ method: 'POST', path: '/auth/login', sessionCookie: s.cookie })).toBeNull();
  });

  it('when a cookie POST goes to another auth path then it needs the CSRF token', async () => {
    const s = await sessionFor();

    await expect(
      auth().authenticate({ method: 'POST', path: '/auth/logout', sessionCookie: s.cookie }),
    ).rejects.toMatchObject({ code: 'csrf_failed' });
  });

  it.each([
    ['unknown', {}],
    ['expired', { expiresInMs: -1 }],
    ['expiring this very millisecond', { expiresInMs: 0 }],
    ["a disabled user's", { disabled: true }],
  ])('when the session cookie is %s then the caller is anonymous (null), not an error', async (what, opts) => {
    const s = await sessionFor(opts);
    const cookie = what === 'unknown' ? `cookie-${unique()}` : s.cookie;

    expect(await auth().authenticate(get({ sessionCookie: cookie }))).toBeNull();
    // Even a write: an unknown cookie is no session, so there is no CSRF token to check.
    expect(await auth().authenticate({ method: 'POST', path: '/x', sessionCookie: cookie })).toBeNull();
  });

  it('when a session expires one millisecond from now then it still works', async () => {
    const s = await sessionFor({ expiresInMs: 1 });

    expect((await auth().authenticate(get({ sessionCookie: s.cookie })))?.userId).toBe(s.user.id);
  });

  it('when a session is deleted in the database then a cached answer is trusted for at most the cache TTL', async () => {
    const s = await sessionFor();
    const a = auth();
    await a.authenticate(get({ sessionCookie: s.cookie }));
    await db.prisma.session.delete({ where: { id: s.sessionId } });

    clock.set(T0 + TTL - 1);
    expect((await a.authenticate(get({ sessionCookie: s.cookie })))?.userId).toBe(s.user.id);
    clock.set(T0 + TTL);
    expect(await a.authenticate(get({ sessionCookie: s.cookie }))).toBeNull();
  });

  it('when a session expires before the cache TTL ends then the cache stops answering at its expiry', async () => {
    const s = await sessionFor({ expiresInMs: 2_000 });
    const a = auth();
    await a.authenticate(get({ sessionCookie: s.cookie }));

    clock.set(T0 + 2_000);
    expect(await a.authenticate(get({ sessionCookie: s.cookie }))).toBeNull();
  });

  it('when a cached session writes then the CSRF token is still checked', async () => {
    const s = await sessionFor();
    const a = auth();
    await a.authenticate(get({ sessionCookie: s.cookie }));

    await expect(a.authenticate({ method: 'POST', path: '/x', sessionCookie: s.cookie })).rejects.toMatchObject({
      code: 'csrf_failed',
    });
  });

  it('when no credentials are sent then the caller is anonymous', async () => {
    expect(await auth().authenticate(get({}))).toBeNull();
    expect(await auth().authenticate({ method: 'POST', path: '/x' })).toBeNull();
  });
});
