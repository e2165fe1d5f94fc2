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
let analyst: Awaited<ReturnType<typeof createUser>>;
let reviewer: Awaited<ReturnType<typeof createUser>>;

const HEADER = 'kind,value,criticality,owner,business_service,tags';
const importCsv = (csv: string, who = admin) =>
  request(app).post('/api/assets/import').set('Authorization', who.auth).set('content-type', 'text/csv').send(csv);

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
  analyst = await createUser(db.prisma, 'analyst');
  reviewer = await createUser(db.prisma, 'reviewer');
});
afterAll(() => db.drop());

describe('asset CSV import', () => {
  it('when an admin imports a CSV then the lookup returns the criticality and owner from it, and the import is audited with counts', async () => {
    const csv = [
      HEADER,
      'cidr,10.40.0.0/16,high,plant-ops,Factory floor,ot;scada',
      'ip,10.40.0.9,critical,"Ops, Night shift",Historian,ot',
      'host,WEB01.corp.example.,medium,web-team,Shop,',
    ].join('\r\n');

    const res = await importCsv(csv);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 3, updated: 0, rows: 3 });
    const hit = await request(app)
      .post('/api/assets/lookup')
      .send({ target: '10.40.0.9', kind: 'ip' })
      .set('Authorization', analyst.auth);
    expect(hit.status).toBe(200);
    expect(hit.body).toMatchObject({
      found: true,
      criticality: 'critical',
      owner: 'Ops, Night shift',
      businessService: 'Historian',
    });
    // The engine's port (what the safety-lookup step reads) sees the import at once.
    expect(await source.port().lookup?.({ kind: 'ip', value: '10.40.7.7' })).toMatchObject({
      criticality: 'high',
      owner: 'plant-ops',
      tags: ['ot', 'scada'],
    });
    expect(await source.port().lookup?.({ kind: 'host', value: 'web01.CORP.example' })).toMatchObject({
      owner: 'web-team',
    });
    const audit = await db.prisma.auditEvent.findMany({ where: { action: 'asset.imported' } });
    expect(audit.map((a) => a.details)).toEqual([{ created: 3, updated: 0, rows: 3 }]);
  });

  it('when the same kind and value is imported again then it is updated in place (JSON { csv } body)', async () => {
    const res = await request(app)
      .post('/api/assets/import')
      .set('Authorization', admin.auth)
      .send({ csv: `${HEADER}\nip,10.40.0.9,low,"new-owner, nights",Historian,\nip,10.99.0.1,,,,\n` });

    expect(res.body).toEqual({ created: 1, updated: 1, rows: 2 });
    const rows = await db.prisma.asset.findMany({
      where: { value: { in: ['10.40.0.9', '10.99.0.1'] } },
      orderBy: { value: 'asc' },
    });
    expect(rows.map((r) => [r.value, r.criticality, r.owner])).toEqual([
      ['10.40.0.9', 'low', 'new-owner, nights'],
      ['10.99.0.1', 'medium', null],
    ]);
  });

  // Row 1 is always a good row (host fine.example): a bad row anywhere stores none of them.
  it.each([
    ['ip,10.50.0.1,high,a,b,\nip,999.1.1.1,high,a,b,', 'body.csv.row 3.value', 'not an IPv4 or IPv6 address'],
    ['ip,10.50.0.1,urgent,a,b,', 'body.csv.row 2.criticality', '"urgent" is not one of low, medium, high, critical'],
    ['server,x,high,a,b,', 'body.csv.row 2.kind', '"server" is not one of'],
    ['ip,10.50.0.1,high,a,b,bad tag!', 'body.csv.row 2.tags', '"bad tag!"'],
    ['ip,10.50.0.1,high,a,b', 'body.csv.row 2', 'has 5 fields, expected 6'],
    ['ip,10.50.0.1,high,a,b,\nip,10.50.0.1,low,a,b,', 'body.csv.row 3.value', 'the same ip as row 2'],
    ['ip,"10.50.0.1,high,a,b,', 'body.csv', 'a quoted field is not closed'],
  ])('when a row is bad (%j) then 400 names %s and nothing is stored', async (rows, path, message) => {
    const before = await db.prisma.asset.count();
    const audits = await db.prisma.auditEvent.count();

    const res = await importCsv(`${HEADER}\nhost,fine.example,low,x,y,\n${rows}`);

    expect(res.status).toBe(400);
    const detail = res.body.error.details.find((d: { path: string }) => d.path === path);
    expect(detail?.message).toContain(message);
    expect(await db.prisma.asset.count()).toBe(before);
    expect(await db.prisma.auditEvent.count()).toBe(audits);
    expect(await db.prisma.asset.findFirst({ where: { value: 'fine.example' } })).toBeNull();
  });

  it('when the header row is not the export columns then 400 names body.csv.header', async () => {
    const res = await importCsv('value,kind\n10.1.1.1,ip\n');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.csv.header');
  });

  it('when an analyst or a reviewer imports then 403 and nothing is stored', async () => {
    const before = await db.prisma.asset.count();
    expect((await importCsv(`${HEADER}\nip,10.60.0.1,low,,,`, analyst)).status).toBe(403);
    expect((await importCsv(`${HEADER}\nip,10.60.0.1,low,,,`, reviewer)).status).toBe(403);
    expect(await db.prisma.asset.count()).toBe(before);
  });
});

describe('asset CSV export', () => {
  it('when exported and imported again then every asset is the same, and formula-like cells carry a leading apostrophe', async () => {
    const created = await request(app)
      .post('/api/assets')
      .set('Authorization', admin.auth)
      .send({
        kind: 'host',
        value: 'evil.example',
        criticality: 'low',
        owner: '=HYPERLINK("x")',
        businessService: '+sum',
        tags: ['a'],
      });
    expect(created.status).toBe(201);
    const snapshot = async () =>
      (await db.prisma.asset.findMany({ orderBy: [{ kind: 'asc' }, { value: 'asc' }] })).map((a) => ({
        kind: a.kind,
        value: a.value,
        criticality: a.criticality,
        owner: a.owner,
        businessService: a.businessService,
        tags: a.tags,
      }));
    const before = await snapshot();

    const res = await request(app).get('/api/assets/export').set('Authorization', analyst.auth);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const text: string = res.text;
    expect(text.split('\r\n')[0]).toBe(HEADER);
    expect(text).toContain(`host,evil.example,low,"'=HYPERLINK(""x"")",'+sum,a\r\n`);
    expect(text).toContain('ip,10.40.0.9,low,"new-owner, nights",Historian,\r\n');
    const again = await importCsv(text);
    expect(again.body).toEqual({ created: 0, updated: before.length, rows: before.length });
    expect(await snapshot()).toEqual(before);
  });
});

describe('assets API', () => {
  it('when an analyst reads and searches then they see assets by value, owner, service and tag; paging follows next', async () => {
    const get = (query: Record<string, string | number>) =>
      request(app).get('/api/assets').query(query).set('Authorization', analyst.auth);

    expect((await get({ q: 'plant' })).body.assets.map((a: { value: string }) => a.value)).toEqual(['10.40.0.0/16']);
    expect((await get({ tag: 'scada' })).body.assets.map((a: { value: string }) => a.value)).toEqual(['10.40.0.0/16']);
    expect((await get({ businessService: 'historian' })).body.assets.map((a: { owner: string }) => a.owner)).toEqual([
      'new-owner, nights',
    ]);
    const all = (await get({ limit: 500 })).body.assets.map((a: { id: string }) => a.id);
    const first = await get({ limit: 2 });
    const second = await get({ limit: 2, after: first.body.next });
    expect([...first.body.assets, ...second.body.assets].map((a: { id: string }) => a.id)).toEqual(all.slice(0, 4));
  });

  it('when an analyst writes then 403; an admin adds, changes and deletes, each audited', async () => {
    const body = { kind: 'ip', value: '192.0.2.10', criticality: 'high', owner: 'soc' };
    expect((await request(app).post('/api/assets').set('Authorization', analyst.auth).send(body)).status).toBe(403);

    const created = await request(app).post('/api/assets').set('Authorization', admin.auth).send(body);
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(
      (await request(app).patch(`/api/assets/${id}`).set('Authorization', analyst.auth).send({ owner: 'x' })).status,
    ).toBe(403);
    expect((await request(app).delete(`/api/assets/${id}`).set('Authorization', analyst.auth)).status).toBe(403);

    const changed = await request(app)
      .patch(`/api/assets/${id}`)
      .set('Authorization', admin.auth)
      .send({ criticality: 'critical' });
    expect(changed.body).toMatchObject({ criticality: 'critical', owner: 'soc' });
    expect((await request(app).delete(`/api/assets/${id}`).set('Authorization', admin.auth)).status).toBe(204);
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['asset.created', 'asset.updated', 'asset.deleted']);
  });

  it('when the value is not one of its kind then 400 naming body.value; a duplicate is 409', async () => {
    const bad = await request(app)
      .post('/api/assets')
      .set('Authorization', admin.auth)
      .send({ kind: 'cidr', value: '10.0.0.1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('body.value');
    const dup = await request(app)
      .post('/api/assets')
      .set('Authorization', admin.auth)
      .send({ kind: 'host', value: 'WEB01.corp.example' });
    expect(dup.status).toBe(409);
  });

  it('when the target is protected then the lookup names the entry; nobody signed in gets 401', async () => {
    await request(app)
      .post('/api/safety/entries')
      .set('Authorization', admin.auth)
      .send({ list: 'protected', kind: 'ip', value: '10.40.0.9', criticality: 'critical', reason: 'historian' });
    const res = await request(app)
      .post('/api/assets/lookup')
      .send({ target: '10.40.0.9', kind: 'ip' })
      .set('Authorization', reviewer.auth);
    expect(res.body).toMatchObject({ protected: true, protectedEntry: { reason: 'historian' }, autoOk: false });
    expect((await request(app).get('/api/assets').query({ q: 'x' })).status).toBe(401);
  });
});
