import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { authApp } from './harness';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("the admin's list of everyone's API tokens", () => {
  it('when an admin lists all tokens then each shows its owner and no secret; an analyst gets 403', async () => {
    const t = authApp(db.prisma);
    const analyst = await t.user('analyst');
    const admin = await t.user('admin');
    const mine = await t.login(analyst.username);
    const created = await request(t.app)
      .post('/api/tokens')
      .set('Cookie', mine.cookie)
      .set('x-csrf-token', mine.csrf)
      .send({ name: 'laptop cli', expiresInDays: 30 })
      .expect(201);
    const secret = String(created.body.token);
    const theirs = await t.login(admin.username);

    const all = await request(t.app).get('/api/tokens/all').set('Cookie', theirs.cookie).expect(200);

    expect(all.body.tokens).toEqual([
      expect.objectContaining({ id: created.body.id, name: 'laptop cli', owner: analyst.username, revokedAt: null }),
    ]);
    expect(JSON.stringify(all.body)).not.toContain(secret.slice(4));
    expect(all.body.tokens[0]).not.toHaveProperty('tokenHash');
    await request(t.app).get('/api/tokens/all').set('Cookie', mine.cookie).expect(403);
  });
});
