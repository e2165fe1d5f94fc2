import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginRateLimiter } from '../../src/services/auth/rate-limit';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { authApp, fakeClock, PASSWORD } from './harness';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('login rate limit (HTTP, default limits)', () => {
  const fail = (t: ReturnType<typeof authApp>, username: string) =>
    request(t.app).post('/api/auth/login').send({ username, password: 'wrong password' });

  it('when 10 sign-ins for one username fail then the 11th, even with the right password, answers 429 with Retry-After', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');
    for (let i = 0; i < 10; i++) expect((await fail(t, u.username)).status).toBe(401);

    const blocked = await request(t.app).post('/api/auth/login').send({ username: u.username, password: PASSWORD });

    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    expect(blocked.headers['set-cookie']).toBeUndefined();
    // Another username from the same address is not blocked by this counter.
    await t.login((await t.user('analyst')).username);
    // The window ends 15 minutes after the first failure.
    t.clock.advance(15 * 60_000);
    await t.login(u.username);
  });

  it('when a sign-in succeeds then the failures before it no longer count', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');
    for (let i = 0; i < 9; i++) await fail(t, u.username);
    await t.login(u.username);

    for (let i = 0; i < 9; i++) expect((await fail(t, u.username)).status).toBe(401);
    await t.login(u.username);
  });

  it('when every failed sign-in from loopback claims another X-Forwarded-For (no TRUST_PROXY) then the limit still holds', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');
    const failFrom = (ip: string) =>
      request(t.app)
        .post('/api/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ username: u.username, password: 'wrong password' });
    for (let i = 0; i < 10; i++) expect((await failFrom(`203.0.113.${i + 1}`)).status).toBe(401);

    expect((await failFrom('198.51.100.77')).status).toBe(429);
  });

  it('when a username is typed in another case then it shares the counter', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');
    for (let i = 0; i < 10; i++) await fail(t, i % 2 ? u.username.toUpperCase() : ` ${u.username}`);

    expect((await fail(t, u.username)).status).toBe(429);
  });
});

describe('login rate limiter', () => {
  it('when one address fails across many usernames then the per-address limit blocks every username', () => {
    const clock = fakeClock();
    const limiter = createLoginRateLimiter(clock, { perUser: 10, perIp: 5 });
    for (let i = 0; i < 5; i++) limiter.recordFailure('10.0.0.1', `user${i}`);

    expect(limiter.retryAfterMs('10.0.0.1', 'fresh-user')).toBe(15 * 60_000);
    expect(limiter.retryAfterMs('10.0.0.2', 'fresh-user')).toBe(0);
    clock.advance(10 * 60_000);
    expect(limiter.retryAfterMs('10.0.0.1', 'fresh-user')).toBe(5 * 60_000);
  });

  it('when more addresses fail than it keeps counters for then memory stays bounded and recent counters survive', () => {
    const limiter = createLoginRateLimiter(fakeClock(), { perUser: 1, perIp: 100, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.recordFailure(`10.0.${i >> 8}.${i & 255}`, 'x');

    expect(limiter.retryAfterMs('10.0.3.231', 'x')).toBeGreaterThan(0); // the last one recorded
    expect(limiter.retryAfterMs('10.0.0.0', 'x')).toBe(0); // evicted
  });
});
