/**
 * Changing a password: one's own (from a session only; the answer lists the API tokens
 * that still work, to revoke) and an admin's reset (ends sessions and revokes tokens).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { authApp, PASSWORD } from './harness';

let db: TestDatabase;
let t: ReturnType<typeof authApp>;
beforeAll(async () => {
  db = await createTestDatabase();
  t = authApp(db.prisma);
});
afterAll(() => db.drop());

const NEW_PASSWORD = 'a new long passphrase';
type Session = Awaited<ReturnType<typeof t.login>>;
const withSession = (r: request.Test, s: Session) => r.set('Cookie', s.cookie).set('x-csrf-token', s.csrf);
const bearer = (token: string) => `Bearer ${token}`;

/** A user signed in, with API tokens made through the API. */
async function userWithTokens(names: string[], body: Record<string, unknown> = {}) {
  const user = await t.user('analyst');
  const session = await t.login(user.username);
  const tokens: { id: string; token: string; name: string }[] = [];
  for (const name of names) {
    const res = await withSession(request(t.app).post('/api/tokens'), session)
      .send({ name, ...body })
      .expect(201);
    tokens.push({ id: String(res.body.id), token: String(res.body.token), name });
  }
  return { user, session, tokens };
}

const works = async (token: string) =>
  (await request(t.app).get('/api/auth/me').set('Authorization', bearer(token))).status === 200;

describe('changing one’s own password', () => {
  it('when an API token asks to change the password then 403 session_required and the password stays', async () => {
    const { user, tokens } = await userWithTokens(['cli']);
    const before = (await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;

    const res = await request(t.app)
      .post('/api/auth/password')
      .set('Authorization', bearer(tokens[0]?.token ?? ''))
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });

    expect([res.status, res.body.error?.code]).toEqual([403, 'session_required']);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
    expect(await db.prisma.auditEvent.count({ where: { action: 'user.password_changed', targetId: user.id } })).toBe(0);
  });

  it('when a signed-in user changes it then the answer lists their working tokens, which keep working until revoked in one click', async () => {
    const { user, session, tokens } = await userWithTokens(['ci', 'laptop', 'old']);
    const [ci, laptop, old] = tokens;
    await withSession(request(t.app).delete(`/api/tokens/${old?.id}`), session).expect(204);
    const other = await t.login(user.username);

    const res = await withSession(request(t.app).post('/api/auth/password'), session).send({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });

    expect(res.status).toBe(200);
    expect(res.body.tokens.map((x: { name: string }) => x.name)).toEqual(['laptop', 'ci']);
    expect(JSON.stringify(res.body)).not.toContain(ci?.token.slice(4));
    // The other session ended, this one and the tokens go on.
    await request(t.app).get('/api/auth/me').set('Cookie', other.cookie).expect(401);
    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(200);
    expect([await works(ci?.token ?? ''), await works(laptop?.token ?? '')]).toEqual([true, true]);

    await withSession(request(t.app).delete(`/api/tokens/${laptop?.id}`), session).expect(204);
    expect(await works(laptop?.token ?? '')).toBe(false);
  });

  it('when a token has expired then the answer does not list it', async () => {
    const own = authApp(db.prisma);
    const user = await own.user('analyst');
    const first = await own.login(user.username);
    for (const [name, expiresInDays] of [
      ['day', 1],
      ['year', 365],
    ] as const) {
      await withSession(request(own.app).post('/api/tokens'), first).send({ name, expiresInDays }).expect(201);
    }
    own.clock.advance(25 * 60 * 60_000);
    const session = await own.login(user.username);

    const res = await withSession(request(own.app).post('/api/auth/password'), session).send({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });

    expect(res.status).toBe(200);
    expect(res.body.tokens.map((x: { name: string }) => x.name)).toEqual(['year']);
  });
});

describe('an admin’s password reset', () => {
  it('when an admin resets a user’s password then the user’s API tokens stop at once, each revocation audited', async () => {
    const admin = await t.login((await t.user('admin')).username);
    const { user, session, tokens } = await userWithTokens(['ci', 'laptop']);
    const [ci, laptop] = tokens;
    expect([await works(ci?.token ?? ''), await works(laptop?.token ?? '')]).toEqual([true, true]); // now cached

    await withSession(request(t.app).patch(`/api/users/${user.id}`), admin)
      .send({ password: NEW_PASSWORD })
      .expect(200);

    expect([await works(ci?.token ?? ''), await works(laptop?.token ?? '')]).toEqual([false, false]);
    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
    const revoked = await db.prisma.auditEvent.findMany({
      where: { action: 'token.revoked', targetId: { in: tokens.map((x) => x.id) } },
    });
    expect(revoked.map((a) => a.details)).toEqual(
      expect.arrayContaining(tokens.map((x) => ({ name: x.name, ownerId: user.id, reason: 'password_reset' }))),
    );
    expect(revoked).toHaveLength(2);
    const updated = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'user.updated', targetId: user.id },
    });
    expect(updated.details).toMatchObject({ changes: { password: '[redacted]' }, tokensRevoked: 2 });
  });

  it('when an admin changes only the display name then the user’s tokens keep working', async () => {
    const admin = await t.login((await t.user('admin')).username);
    const { user, tokens } = await userWithTokens(['ci']);

    await withSession(request(t.app).patch(`/api/users/${user.id}`), admin)
      .send({ displayName: 'Renamed' })
      .expect(200);

    expect(await works(tokens[0]?.token ?? '')).toBe(true);
  });
});
