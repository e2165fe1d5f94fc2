import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256 } from '../../src/services/auth/secrets';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { authApp } from './harness';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** Signs in `role` and creates a token through the API; returns both. */
async function withToken(t: ReturnType<typeof authApp>, body: object = { name: 'cli' }) {
  const u = await t.user('analyst');
  const session = await t.login(u.username);
  const res = await request(t.app)
    .post('/api/tokens')
    .set('Cookie', session.cookie)
    .set('x-csrf-token', session.csrf)
    .send(body)
    .expect(201);
  return { user: u, session, token: String(res.body.token), id: String(res.body.id), res };
}

const bearer = (token: string) => `Bearer ${token}`;
const lastUsed = async (id: string) =>
  (await db.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.getTime();

describe('API tokens', () => {
  it('when a token is created then it is shown once, stored only as its SHA-256, and never listed', async () => {
    const t = authApp(db.prisma);
    const { token, id, session } = await withToken(t);

    expect(token).toMatch(/^atk_[A-Za-z0-9_-]{43}$/);
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(sha256(token));
    const list = await request(t.app).get('/api/tokens').set('Cookie', session.cookie).expect(200);
    expect(list.body.tokens).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(token.slice(4));
    expect(list.body.tokens[0]).not.toHaveProperty('tokenHash');
  });

  it('when a bearer token makes a DELETE without any CSRF header then it is accepted', async () => {
    const t = authApp(db.prisma);
    const { token, id, session } = await withToken(t);
    const spare = await request(t.app)
      .post('/api/tokens')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send({ name: 'spare' })
      .expect(201);

    await request(t.app).delete(`/api/tokens/${spare.body.id}`).set('Authorization', bearer(token)).expect(204);

    const me = await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(200);
    expect(me.body.csrfToken).toBeNull();
    await vi.waitFor(async () => expect(await lastUsed(id)).toBe(t.clock.now()));
  });

  it('when a token is used many times within a minute then lastUsedAt is written once', async () => {
    const t = authApp(db.prisma, { cacheTtlMs: 0 });
    const { token, id } = await withToken(t);
    const first = t.clock.now();
    await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(200);
    await vi.waitFor(async () => expect(await lastUsed(id)).toBe(first));

    t.clock.advance(30_000);
    await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(200);
    await new Promise((r) => setTimeout(r, 100)); // the write, had there been one, is not awaited by the request
    expect(await lastUsed(id)).toBe(first);

    t.clock.advance(31_000);
    await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(200);
    await vi.waitFor(async () => expect(await lastUsed(id)).toBe(first + 61_000));
  });

  it('when a token is revoked then it answers 401 at once, even though it was cached', async () => {
    const t = authApp(db.prisma);
    const { token, id, session } = await withToken(t);
    await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(200);

    await request(t.app)
      .delete(`/api/tokens/${id}`)
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .expect(204);

    const res = await request(t.app).get('/api/auth/me').set('Authorization', bearer(token));
    expect(res.status).toBe(401);
    expect(await db.prisma.auditEvent.count({ where: { action: 'token.revoked', targetId: id } })).toBe(1);
  });

  it('when a token is past its expiry then it answers 401', async () => {
    const t = authApp(db.prisma);
    const { token } = await withToken(t, { name: 'short', expiresInDays: 1 });
    await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(200);

    t.clock.advance(24 * 60 * 60_000);

    await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(401);
  });

  it('when an unknown atk_ token is sent then even a public route answers 401', async () => {
    const t = authApp(db.prisma);
    await request(t.app).post('/api/auth/logout').set('Authorization', bearer('atk_forged')).expect(401);
  });

  it("when someone revokes another user's token then it is not found, but an admin may", async () => {
    const t = authApp(db.prisma);
    const { token, id } = await withToken(t);
    const other = await withToken(t);
    const admin = await t.login((await t.user('admin')).username);

    await request(t.app).delete(`/api/tokens/${id}`).set('Authorization', bearer(other.token)).expect(404);
    await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(200);
    await request(t.app)
      .delete(`/api/tokens/${id}`)
      .set('Cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .expect(204);
    await request(t.app).get('/api/auth/me').set('Authorization', bearer(token)).expect(401);
  });

  it('when a token tries to create another token then it is refused', async () => {
    const t = authApp(db.prisma);
    const { token, user } = await withToken(t);

    const res = await request(t.app).post('/api/tokens').set('Authorization', bearer(token)).send({ name: 'child' });

    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('session_required');
    expect(await db.prisma.apiToken.count({ where: { userId: user.id } })).toBe(1);
  });

  it('when the token body is invalid then 400 names the field', async () => {
    const t = authApp(db.prisma);
    const u = await t.user('analyst');
    const s = await t.login(u.username);

    const res = await request(t.app)
      .post('/api/tokens')
      .set('Cookie', s.cookie)
      .set('x-csrf-token', s.csrf)
      .send({ name: 'x', expiresInDays: 0 });

    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.expiresInDays']);
  });
});
