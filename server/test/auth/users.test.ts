import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@autonomic/api';
import { parseHash } from '../../src/services/auth/password';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { authApp } from './harness';

let db: TestDatabase;
let t: ReturnType<typeof authApp>;
/** Headers of a signed-in admin. */
let admin: { id: string; cookie: string; csrf: string };
beforeAll(async () => {
  db = await createTestDatabase();
  t = authApp(db.prisma);
  const u = await t.user('admin', 'root-admin');
  admin = { id: u.id, ...(await t.login(u.username)) };
});
afterAll(() => db.drop());

const asAdmin = (r: request.Test) => r.set('Cookie', admin.cookie).set('x-csrf-token', admin.csrf);
const paths = (res: request.Response) => res.body.error.details.map((d: { path: string }) => d.path);
const valid = { username: 'erin', displayName: 'Erin', role: 'reviewer', password: 'twelve chars!' };

describe('user administration', () => {
  it('when an analyst lists or creates users then 403, but the directory answers', async () => {
    const s = await t.login((await t.user('analyst')).username);

    await request(t.app).get('/api/users').set('Cookie', s.cookie).expect(403);
    await request(t.app)
      .post('/api/users')
      .set('Cookie', s.cookie)
      .set('x-csrf-token', s.csrf)
      .send({ ...valid, username: 'sneaky' })
      .expect(403);
    const dir = await request(t.app).get('/api/users/directory').set('Cookie', s.cookie).expect(200);
    expect(Object.keys(dir.body.users[0]).sort()).toEqual(['displayName', 'id', 'role', 'username']);
    expect(await db.prisma.user.count({ where: { username: 'sneaky' } })).toBe(0);
  });

  it('when an admin creates a user then the password is nowhere in the answer, the hash is scrypt and it is audited', async () => {
    const res = await asAdmin(request(t.app).post('/api/users')).send(valid);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'erin', role: 'reviewer', disabled: false });
    expect(JSON.stringify(res.body)).not.toMatch(/password|twelve chars|scrypt/i);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(parseHash(row.passwordHash)).toBeDefined();
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.created', targetId: row.id } });
    expect(audit.actor).toBe(`user:${admin.id}:root-admin`);
    expect(JSON.stringify(audit.details)).not.toContain('twelve chars');
    await t.login('erin', 'twelve chars!');

    const list = await asAdmin(request(t.app).get('/api/users')).expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|scrypt/);
  });

  it.each([
    [{ ...valid, password: 'eleven char' }, 'body.password'],
    [{ ...valid, username: 'Has Spaces' }, 'body.username'],
    [{ ...valid, role: 'root' }, 'body.role'],
    [{ ...valid, displayName: '  ' }, 'body.displayName'],
    [{ ...valid, passwordHash: 'scrypt$…' }, 'body'],
    [{ displayName: 'x', role: 'analyst', password: 'twelve chars!' }, 'body.username'],
  ])('when the body is %j then 400 names %s and no user is written', async (body, field) => {
    const before = await db.prisma.user.count();

    const res = await asAdmin(request(t.app).post('/api/users')).send(body);

    expect(res.status).toBe(400);
    expect(paths(res)).toContain(field);
    expect(await db.prisma.user.count()).toBe(before);
  });

  it('when the username is taken then 409 username_taken and nothing is audited', async () => {
    const before = await db.prisma.auditEvent.count();

    const res = await asAdmin(request(t.app).post('/api/users')).send({ ...valid, username: 'root-admin' });

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('username_taken');
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });

  it('when an admin tries to demote or disable themselves then 409 with its own code and nothing changes', async () => {
    const demote = await asAdmin(request(t.app).patch(`/api/users/${admin.id}`)).send({ role: 'analyst' });
    const disable = await asAdmin(request(t.app).patch(`/api/users/${admin.id}`)).send({ disabled: true });

    expect([demote.status, demote.body.error.code]).toEqual([409, 'cannot_demote_self']);
    expect([disable.status, disable.body.error.code]).toEqual([409, 'cannot_disable_self']);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: 'admin',
      disabled: false,
    });
  });

  it('when an admin changes a role, display name and password then one audit row lists them without the password', async () => {
    const u = await t.user('analyst');
    const session = await t.login(u.username);

    const res = await asAdmin(request(t.app).patch(`/api/users/${u.id}`)).send({
      role: 'reviewer',
      displayName: 'Renamed',
      password: 'brand new password',
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'reviewer', displayName: 'Renamed' });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.updated', targetId: u.id } });
    expect(audit.details).toMatchObject({
      changes: {
        role: { from: 'analyst', to: 'reviewer' },
        displayName: { from: u.username, to: 'Renamed' },
        password: '[redacted]', // the audit log never keeps a value under a secret's name
      },
    });
    expect(JSON.stringify(audit.details)).not.toContain('brand new');
    // A new password ends the user's sessions.
    await request(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
    await t.login(u.username, 'brand new password');
  });

  it('when a PATCH body is empty, unknown or for a missing user then 400 / 404', async () => {
    const u = await t.user('analyst');
    const empty = await asAdmin(request(t.app).patch(`/api/users/${u.id}`)).send({});
    const unknown = await asAdmin(request(t.app).patch(`/api/users/${u.id}`)).send({ passwordHash: 'x' });
    const badId = await asAdmin(request(t.app).patch('/api/users/not-a-uuid')).send({ role: 'admin' });
    const missing = await asAdmin(request(t.app).patch('/api/users/0190f0c4-0000-7000-8000-000000000000')).send({
      role: 'admin',
    });

    expect([empty.status, unknown.status, badId.status, missing.status]).toEqual([400, 400, 400, 404]);
    expect(paths(badId)).toEqual(['params.id']);
  });
});

describe('the last enabled admin', () => {
  /** A database of its own: these tests need to know every admin there is. */
  let own: TestDatabase;
  beforeAll(async () => {
    own = await createTestDatabase();
  });
  afterAll(() => own.drop());

  it('when two admins demote each other at the same moment then exactly one demotion succeeds', async () => {
    const app = authApp(own.prisma);
    const actor = (u: { id: string; username: string }): Actor => ({
      ...u,
      userId: u.id,
      role: 'admin',
      via: 'session',
    });
    // Open pool connections first: on a cold pool the second transaction waits for a connection
    // and the race does not happen.
    await Promise.all([1, 2, 3].map(() => own.prisma.$queryRaw`SELECT pg_sleep(0.01)::text AS slept`));
    for (let round = 0; round < 3; round++) {
      await own.prisma.user.updateMany({ data: { role: 'analyst' } });
      const [a, b] = [await app.user('admin'), await app.user('admin')];

      // Through the service: over HTTP the second request is often refused earlier (403, being
      // authenticated after the first committed); here both pass the role check, as in a real race.
      const results = await Promise.allSettled([
        app.auth.users.update(actor(a), b.id, { role: 'analyst' }),
        app.auth.users.update(actor(b), a.id, { role: 'analyst' }),
      ]);

      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ reason: { status: 409, code: 'last_admin' } });
      expect(await own.prisma.user.count({ where: { role: 'admin', disabled: false } })).toBe(1);
    }
  });
});
