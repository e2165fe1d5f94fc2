import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretRoutes } from '../../src/http/routes/secrets';
import { createSecretsVault, type SecretsVaultService } from '../../src/services/secrets';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let vault: SecretsVaultService;
let app: ReturnType<typeof testApp>['app'];

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  vault = createSecretsVault(ctx, randomBytes(32));
  app = testApp(ctx, [secretRoutes({ vault })]).app;
});
afterAll(() => db.drop());

describe('GET /api/secrets/names: the pick-list of an HTTP step’s secret', () => {
  it('when an analyst lists the secret names then each name comes back, and nothing else (no value, no dates)', async () => {
    const admin = await createUser(db.prisma, 'admin');
    const analyst = await createUser(db.prisma, 'analyst');
    const actor = { userId: admin.id, username: admin.username, role: 'admin' as const, via: 'token' as const };
    await vault.put('intel.api-key', 'sk-live-0123456789', actor);
    await vault.put('edr.token', 'tok-abcdef', actor);

    const res = await request(app).get('/api/secrets/names').set('Authorization', analyst.auth);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ secrets: expect.arrayContaining([{ name: 'intel.api-key' }, { name: 'edr.token' }]) });
    for (const s of res.body.secrets) expect(Object.keys(s)).toEqual(['name']);
    expect(res.text).not.toContain('sk-live-0123456789');
    expect(res.text).not.toContain('tok-abcdef');
  });

  it('when nobody is signed in then 401, and the full list stays admin-only', async () => {
    const analyst = await createUser(db.prisma, 'analyst');
    expect((await request(app).get('/api/secrets/names')).status).toBe(401);
    expect((await request(app).get('/api/secrets').set('Authorization', analyst.auth)).status).toBe(403);
  });
});
