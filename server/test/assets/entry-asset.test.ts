/**
 * Safety entries that refer to an asset (issue 14 §1): the entry takes the asset's kind and
 * value, follows the asset's edits (the engine's check moves with it), and the asset cannot
 * be removed while an entry refers to it. Real PostgreSQL through the HTTP routes.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetRoutes } from '../../src/http/routes/assets';
import { safetyRoutes } from '../../src/http/routes/safety';
import { createAssetService } from '../../src/services/assets';
import { createSafetyService, createSafetySource, type CachedSafetySource } from '../../src/services/safety';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let source: CachedSafetySource;
let app: ReturnType<typeof testApp>['app'];
let admin: Awaited<ReturnType<typeof createUser>>;

const post = (path: string, body: object) =>
  request(app).post(`/api${path}`).set('Authorization', admin.auth).send(body);
const patch = (path: string, body: object) =>
  request(app).patch(`/api${path}`).set('Authorization', admin.auth).send(body);
const asset = async (kind: string, value: string): Promise<string> => {
  const res = await post('/assets', { kind, value, criticality: 'critical', owner: 'plant-ops' });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  // A long max age: only the services' invalidation can make a change visible here.
  source = createSafetySource(ctx, { maxAgeMs: 3_600_000 });
  app = testApp(ctx, [
    safetyRoutes({ safety: createSafetyService(ctx, source) }),
    assetRoutes({ assets: createAssetService(ctx, source) }),
  ]).app;
  admin = await createUser(db.prisma, 'admin');
});
afterAll(() => db.drop());

describe('a safety entry that refers to an asset', () => {
  it('when a protected entry is made from an asset then it takes the asset value and the engine refuses a block of it', async () => {
    const id = await asset('ip', '10.60.0.5');
    expect(await source.port().check({ kind: 'ip', value: '10.60.0.5' })).toEqual({ decision: 'allow' });

    const res = await post('/safety/entries', { list: 'protected', assetId: id, reason: 'historian' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ list: 'protected', kind: 'ip', value: '10.60.0.5', assetId: id });
    expect(await source.port().check({ kind: 'ip', value: '10.60.0.5' })).toMatchObject({ decision: 'refuse' });
    const listed = await request(app).get('/api/safety/entries').set('Authorization', admin.auth);
    expect(listed.body.entries.find((e: { id: string }) => e.id === res.body.id)?.assetId).toBe(id);
    const audit = await db.prisma.auditEvent.findFirst({
      where: { action: 'safety.entry_created', targetId: res.body.id },
    });
    expect(audit?.details).toMatchObject({ value: '10.60.0.5', assetId: id });
  });

  it('when the asset value changes then the entry follows it and the protection moves to the new address', async () => {
    const id = await asset('ip', '10.60.1.5');
    const entry = await post('/safety/entries', { list: 'protected', assetId: id, reason: 'moves' });
    expect(await source.port().check({ kind: 'ip', value: '10.60.1.5' })).toMatchObject({ decision: 'refuse' });

    const moved = await patch(`/assets/${id}`, { value: '10.60.1.6' });

    expect(moved.status).toBe(200);
    expect(await source.port().check({ kind: 'ip', value: '10.60.1.6' })).toMatchObject({ decision: 'refuse' });
    expect(await source.port().check({ kind: 'ip', value: '10.60.1.5' })).toEqual({ decision: 'allow' });
    const row = await db.prisma.safetyEntry.findUniqueOrThrow({ where: { id: entry.body.id } });
    expect([row.kind, row.value, row.assetId]).toEqual(['ip', '10.60.1.6', id]);
    const audit = await db.prisma.auditEvent.findFirst({
      where: { action: 'safety.entry_updated', targetId: entry.body.id },
    });
    expect(audit?.details).toMatchObject({
      before: { value: '10.60.1.5' },
      after: { value: '10.60.1.6' },
      followedAsset: id,
    });
  });

  it('when a referenced asset is deleted then 409 asset_referenced names the entry and the asset stays', async () => {
    const id = await asset('host', 'scada01.corp.example');
    const entry = await post('/safety/entries', { list: 'auto_ok', assetId: id, reason: 'lab box' });

    const res = await request(app).delete(`/api/assets/${id}`).set('Authorization', admin.auth);

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('asset_referenced');
    expect(res.body.error.message).toContain(entry.body.id);
    expect(await db.prisma.asset.findUnique({ where: { id } })).not.toBeNull();

    // Detached (assetId null), the entry keeps its value and the asset can go.
    const detached = await patch(`/safety/entries/${entry.body.id}`, { assetId: null });
    expect(detached.body).toMatchObject({ value: 'scada01.corp.example', assetId: null });
    expect((await request(app).delete(`/api/assets/${id}`).set('Authorization', admin.auth)).status).toBe(204);
  });

  it('when the assetId is unknown then 400 names body.assetId and nothing is stored', async () => {
    const before = await db.prisma.safetyEntry.count();

    const res = await post('/safety/entries', {
      list: 'protected',
      assetId: '01900000-0000-7000-8000-000000000000',
      reason: 'x',
    });

    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.assetId']);
    expect(await db.prisma.safetyEntry.count()).toBe(before);
  });

  it('when a value is given that disagrees with the asset then 400 names body.assetId; an agreeing one is accepted', async () => {
    const id = await asset('host', 'mes01.corp.example');

    const wrong = await post('/safety/entries', {
      list: 'protected',
      assetId: id,
      kind: 'host',
      value: 'other.example',
      reason: 'x',
    });
    const right = await post('/safety/entries', {
      list: 'protected',
      assetId: id,
      kind: 'host',
      value: 'MES01.corp.example',
      reason: 'x',
    });

    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('body.assetId');
    expect(right.status).toBe(201);
    const change = await patch(`/safety/entries/${right.body.id}`, { value: 'elsewhere.example' });
    expect(change.status).toBe(400);
    expect(change.body.error.details[0].path).toBe('body.assetId');
  });

  it('when neither an assetId nor a kind and value is given then 400 names body.kind and body.value', async () => {
    const res = await post('/safety/entries', { list: 'protected', reason: 'x' });

    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.kind', 'body.value']);
  });
});
