import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safetyRoutes } from '../../src/http/routes/safety';
import { createSafetyService, createSafetySource, type CachedSafetySource } from '../../src/services/safety';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let source: CachedSafetySource;
let app: ReturnType<typeof testApp>['app'];
let admin: Awaited<ReturnType<typeof createUser>>;
let analyst: Awaited<ReturnType<typeof createUser>>;

const entry = (over: Record<string, unknown>) => ({
  list: 'protected',
  kind: 'ip',
  value: '192.0.2.1',
  criticality: 'high',
  reason: 'domain controller',
  ...over,
});
const post = (body: object) => request(app).post('/api/safety/entries').set('Authorization', admin.auth).send(body);

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  // A long max age: only the service's invalidation can make a change visible here.
  source = createSafetySource(ctx, { maxAgeMs: 3_600_000 });
  app = testApp(ctx, [safetyRoutes({ safety: createSafetyService(ctx, source) })]).app;
  admin = await createUser(db.prisma, 'admin');
  analyst = await createUser(db.prisma, 'analyst');
});
afterAll(() => db.drop());

describe('safety entries API', () => {
  it('when an admin protects a CIDR then the port refuses an address in it at once, and the change is audited', async () => {
    const port = source.port();
    expect(await port.check({ kind: 'ip', value: '10.20.0.7' })).toEqual({ decision: 'allow' });
    const res = await post(
      entry({ kind: 'cidr', value: '10.20.0.0/16', criticality: 'critical', reason: 'OT network', owner: 'plant-ops' }),
    );
    expect(res.status).toBe(201);
    expect(await port.check({ kind: 'ip', value: '10.20.0.7' })).toEqual({
      decision: 'refuse',
      reason: '10.20.0.7 is protected: OT network (owner: plant-ops)',
      criticality: 'critical',
    });
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: res.body.id } });
    expect(audit.map((a) => [a.action, a.details])).toEqual([
      ['safety.entry_created', { list: 'protected', kind: 'cidr', value: '10.20.0.0/16', criticality: 'critical' }],
    ]);
  });

  it.each([
    ['ip', '999.1.1.1'],
    ['ip', '10.0.0.0/8'],
    ['cidr', '10.0.0.0/33'],
    ['cidr', '10.0.0.1'],
    ['host', 'bad host!'],
    ['domain', '-corp.example'],
    ['user', '   '],
  ])('when a %s entry has the value %j then 400 naming body.value and nothing is stored', async (kind, value) => {
    const before = await db.prisma.safetyEntry.count();
    const res = await post(entry({ kind, value }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.value');
    expect(await db.prisma.safetyEntry.count()).toBe(before);
  });

  it('when the same host is added twice (differing only in case and a trailing dot) then 409', async () => {
    expect((await post(entry({ kind: 'host', value: 'dc01.corp.example' }))).status).toBe(201);
    const dup = await post(entry({ kind: 'host', value: 'DC01.Corp.Example.' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_entry');
  });

  it('when an entry is changed then the port follows; an invalid change is 400 and a colliding one 409', async () => {
    const created = await post(entry({ list: 'auto_ok', kind: 'user', value: 'svc-scanner', reason: 'test account' }));
    const port = source.port();
    expect((await port.check({ kind: 'user', value: 'svc-scanner' })).decision).toBe('auto-ok');
    const patch = (body: object) =>
      request(app).patch(`/api/safety/entries/${created.body.id}`).set('Authorization', admin.auth).send(body);

    expect((await patch({ list: 'protected' })).status).toBe(200);
    expect((await port.check({ kind: 'user', value: 'svc-scanner' })).decision).toBe('refuse');

    const bad = await patch({ kind: 'ip' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'body.value', message: 'not an IPv4 or IPv6 address' }]);
    expect((await patch({ kind: 'host', value: 'dc01.corp.example' })).status).toBe(409);
    const actions = await db.prisma.auditEvent.findMany({
      where: { targetId: created.body.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual(['safety.entry_created', 'safety.entry_updated']);
  });

  it('when an entry is deleted then the port allows the target again', async () => {
    const created = await post(entry({ value: '198.51.100.9' }));
    const port = source.port();
    expect((await port.check({ kind: 'ip', value: '198.51.100.9' })).decision).toBe('refuse');
    const del = await request(app).delete(`/api/safety/entries/${created.body.id}`).set('Authorization', admin.auth);
    expect(del.status).toBe(204);
    expect((await port.check({ kind: 'ip', value: '198.51.100.9' })).decision).toBe('allow');
    expect(
      await db.prisma.auditEvent.count({ where: { action: 'safety.entry_deleted', targetId: created.body.id } }),
    ).toBe(1);
  });

  it('when an analyst reads the lists then 200, and when they try to change them then 403', async () => {
    const list = await request(app).get('/api/safety/entries?list=protected').set('Authorization', analyst.auth);
    expect(list.status).toBe(200);
    expect(list.body.entries.every((e: { list: string }) => e.list === 'protected')).toBe(true);
    const res = await request(app)
      .post('/api/safety/entries')
      .set('Authorization', analyst.auth)
      .send(entry({ value: '192.0.2.77' }));
    expect(res.status).toBe(403);
    expect(await db.prisma.safetyEntry.count({ where: { value: '192.0.2.77' } })).toBe(0);
  });
});

describe('safety source', () => {
  it('when another process changes the lists then this one sees it once its copy is older than maxAgeMs', async () => {
    const other = createSafetySource(testContext(db.prisma), { maxAgeMs: 50 });
    const port = other.port();
    expect((await port.check({ kind: 'host', value: 'jump01.corp.example' })).decision).toBe('allow');
    await post(entry({ kind: 'domain', value: 'jump01.corp.example' }));
    await new Promise((r) => setTimeout(r, 60));
    expect((await port.check({ kind: 'host', value: 'jump01.corp.example' })).decision).toBe('refuse');
  });

  it('when a simulation asks for the lists then it gets both, in the engine shape', async () => {
    const list = await source.list();
    expect(list.protected).toContainEqual({
      kind: 'cidr',
      value: '10.20.0.0/16',
      criticality: 'critical',
      reason: 'OT network',
      owner: 'plant-ops',
    });
    expect(list.autoOk).toEqual([]);
  });
});
