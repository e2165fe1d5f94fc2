import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/services/auth/secrets';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { authApp, PASSWORD, sessionCookie } from './harness';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('sign-in', () => {
  it('when the password is right then an httpOnly session cookie is set and /me answers with the user', async () => {
    const t = authApp(db.prisma);
    const alice = await t.user('analyst');

    const res = await request(t.app).post('/api/auth/login').send({ username: alice.username, password: PASSWORD });

    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: alice.id,
      username: alice.username,
      displayName: alice.username,
      role: 'analyst',
    });
    const cookie = sessionCookie(res.headers['set-cookie']);
    expect(cookie?.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(cookie?.attrs.some((a) => a.startsWith('max-age=43200'))).toBe(true);
    expect(cookie?.attrs).not.toContain('secure');
    // Only the cookie's hash is stored.
    const stored = await db.prisma.session.findFirstOrThrow({ where: { userId: alice.id } });
    expect(stored.tokenHash).toBe(sha256(cookie?.value ?? ''));
    expect(stored.csrfToken).toBe(res.body.csrfToken);

    const me = await request(t.app).get('/api/auth/me').set('Cookie', `autonomic_session=${cookie?.value}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: res.body.user, csrfToken: res.body.csrfToken });
  });

  it('when COOKIE_SECURE is on then the cookie is Secure', async () => {
    const t = authApp(db.prisma);
    t.ctx.config.COOKIE_SECURE = true;
    const u = await t.user('analyst');

    const { res } = await t.login(u.username);

    expect(sessionCookie(res.headers['set-cookie'])?.attrs).toContain('secure');
  });

  it('when the password is wrong or the user unknown then both answer 401 with the same body and no cookie', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');

    const wrong = await request(t.app).post('/api/auth/login').send({ username: u.username, password: 'nope' });
    const unknown = await request(t.app).post('/api/auth/login').send({ username: 'nobody-here', password: 'nope' });

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('when a request carries no credentials then /me answers 401', async () => {
    const t = authApp(db.prisma);
    await request(t.app).get('/api/auth/me').expect(401);
    await request(t.app).get('/api/auth/me').set('Cookie', 'autonomic_session=forged').expect(401);
  });

  it('when a user is disabled by an admin then sign-in fails and the open session stops working at once', async () => {
    const t = authApp(db.prisma);
    const admin = await t.login((await t.user('admin')).username);
    const u = await t.user('analyst');
    const session = await t.login(u.username);
    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(200); // now cached

    await request(t.app)
      .patch(`/api/users/${u.id}`)
      .set('Cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ disabled: true })
      .expect(200);

    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
    const again = await request(t.app).post('/api/auth/login').send({ username: u.username, password: PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invalid_credentials');
  });

  it('when another process disables a user then its session stops within the cache TTL', async () => {
    const t = authApp(db.prisma, { cacheTtlMs: 5000 });
    const u = await t.user('analyst');
    const session = await t.login(u.username);
    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(200);

    await db.prisma.user.update({ where: { id: u.id }, data: { disabled: true } }); // not through this process
    t.clock.advance(5000);

    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
  });

  it('when the session is 12 hours old then it no longer signs in', async () => {
    const t = authApp(db.prisma);
    const session = await t.login((await t.user('analyst')).username);

    t.clock.advance(12 * 60 * 60_000);

    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
  });

  it('when a user signs out then the session row is gone and the cookie no longer works', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');
    const session = await t.login(u.username);
    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(200);

    const out = await request(t.app)
      .post('/api/auth/logout')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf);

    expect(out.status).toBe(204);
    expect(sessionCookie(out.headers['set-cookie'])?.value).toBe('');
    expect(await db.prisma.session.count({ where: { userId: u.id } })).toBe(0);
    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
  });
});

describe('CSRF', () => {
  it('when a cookie POST lacks the CSRF header or has a wrong one then it is refused with csrf_failed and nothing is written', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');
    const session = await t.login(u.username);

    const none = await request(t.app).post('/api/tokens').set('Cookie', session.cookie).send({ name: 'cli' });
    const wrong = await request(t.app)
      .post('/api/tokens')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', `${session.csrf}x`)
      .send({ name: 'cli' });

    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('csrf_failed');
    expect(wrong.status).toBe(403);
    expect(await db.prisma.apiToken.count({ where: { userId: u.id } })).toBe(0);
  });

  it('when a cookie POST carries the session CSRF token then it passes', async () => {
    const t = authApp(db.prisma);
    const session = await t.login((await t.user('analyst')).username);

    await request(t.app)
      .post('/api/tokens')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send({ name: 'cli' })
      .expect(201);
  });

  it('when a stale session cookie is sent to login then login needs no CSRF token', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');
    const first = await t.login(u.username);

    await request(t.app)
      .post('/api/auth/login')
      .set('Cookie', first.cookie)
      .send({ username: u.username, password: PASSWORD })
      .expect(200);
  });
});
