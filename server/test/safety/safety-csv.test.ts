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

const HEADER = 'list,kind,value,criticality,reason,owner';
const importCsv = (csv: string, who = admin) =>
  request(app)
    .post('/api/safety/entries/import')
    .set('Authorization', who.auth)
    .set('content-type', 'text/csv')
    .send(csv);
const snapshot = async () =>
  (await db.prisma.safetyEntry.findMany({ orderBy: [{ list: 'asc' }, { kind: 'asc' }, { value: 'asc' }] })).map((e) => [
    e.list,
    e.kind,
    e.value,
    e.criticality,
    e.reason,
    e.owner,
  ]);

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  // A long max age: only the service's invalidation can make an import visible here.
  source = createSafetySource(ctx, { maxAgeMs: 3_600_000 });
  app = testApp(ctx, [safetyRoutes({ safety: createSafetyService(ctx, source) })]).app;
  admin = await createUser(db.prisma, 'admin');
  analyst = await createUser(db.prisma, 'analyst');
});
afterAll(() => db.drop());

describe('safety lists CSV import', () => {
  it('when an admin imports a CSV then the safety check refuses the protected block at once, and the import is audited with counts', async () => {
    expect(await source.port().check({ kind: 'ip', value: '10.70.3.4' })).toEqual({ decision: 'allow' });
    const csv = [
      HEADER,
      'protected,cidr,10.70.0.0/16,critical,"OT network, never contain",plant-ops',
      'auto_ok,domain,Phish.Example.,low,known phishing domain,',
      'protected,user,SVC-Backup,high,service account,it',
    ].join('\r\n');

    const res = await importCsv(csv);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 3, updated: 0, rows: 3 });
    expect(await source.port().check({ kind: 'ip', value: '10.70.3.4' })).toMatchObject({ decision: 'refuse' });
    expect(await snapshot()).toEqual([
      ['protected', 'cidr', '10.70.0.0/16', 'critical', 'OT network, never contain', 'plant-ops'],
      ['protected', 'user', 'svc-backup', 'high', 'service account', 'it'],
      ['auto_ok', 'domain', 'phish.example', 'low', 'known phishing domain', null],
    ]);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: 'safety.imported' } });
    expect(audit.map((a) => [a.actor, a.details])).toEqual([
      [`token:test:${admin.username}`, { created: 3, updated: 0, rows: 3 }],
    ]);
  });

  it('when the same list, kind and value is imported again then the entry takes the new criticality, reason and owner (JSON { csv } body)', async () => {
    const res = await request(app)
      .post('/api/safety/entries/import')
      .set('Authorization', admin.auth)
      .send({
        csv: `${HEADER}\nprotected,user,svc-backup,critical,backups run as it,\nauto_ok,ip,192.0.2.50,,scanner,\n`,
      });

    expect(res.body).toEqual({ created: 1, updated: 1, rows: 2 });
    const rows = await snapshot();
    expect(rows).toContainEqual(['protected', 'user', 'svc-backup', 'critical', 'backups run as it', null]);
    expect(rows).toContainEqual(['auto_ok', 'ip', '192.0.2.50', 'medium', 'scanner', null]);
  });

  // Row 1 is always a good row: a bad row anywhere stores none of them.
  it.each([
    ['protected,ip,999.1.1.1,high,dc,', 'body.csv.row 2.value', 'not an IPv4 or IPv6 address'],
    [
      'protected,ip,10.80.0.1,urgent,dc,',
      'body.csv.row 2.criticality',
      '"urgent" is not one of low, medium, high, critical',
    ],
    ['blocked,ip,10.80.0.1,high,dc,', 'body.csv.row 2.list', '"blocked" is not one of protected, auto_ok'],
    ['protected,server,x,high,dc,', 'body.csv.row 2.kind', '"server" is not one of'],
    ['protected,ip,10.80.0.1,high,,', 'body.csv.row 2.reason', 'a reason is required'],
    ['protected,ip,10.80.0.1,high,dc', 'body.csv.row 2', 'has 5 fields, expected 6'],
    [
      'protected,ip,10.80.0.1,high,dc,\nprotected,ip,10.80.0.1,low,dc,',
      'body.csv.row 3.value',
      'the same protected ip as row 2',
    ],
  ])('when a row is bad (%j) then 400 names %s and nothing is stored', async (rows, path, message) => {
    const before = await snapshot();
    const audits = await db.prisma.auditEvent.count();

    const res = await importCsv(`${HEADER}\nauto_ok,host,fine.example,low,x,\n${rows}`);

    expect(res.status).toBe(400);
    const detail = res.body.error.details.find((d: { path: string }) => d.path === path);
    expect(detail?.message).toContain(message);
    expect(await snapshot()).toEqual(before);
    expect(await db.prisma.auditEvent.count()).toBe(audits);
  });

  it("when the header row is the asset inventory's then 400 names body.csv.header", async () => {
    const res = await importCsv('kind,value,criticality,owner,business_service,tags\nip,10.1.1.1,low,,,\n');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.csv.header', message: `the header row must be ${HEADER}` }]);
  });

  it('when an analyst imports then 403 and nothing is stored', async () => {
    const before = await snapshot();
    expect((await importCsv(`${HEADER}\nprotected,ip,10.90.0.1,low,x,`, analyst)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('safety lists CSV export', () => {
  it('when an analyst exports and an admin imports it again then every entry is the same, and formula-like cells carry a leading apostrophe', async () => {
    const created = await request(app)
      .post('/api/safety/entries')
      .set('Authorization', admin.auth)
      .send({ list: 'protected', kind: 'host', value: 'dc01.corp.example', reason: '=HYPERLINK("x")', owner: '+ad' });
    expect(created.status).toBe(201);
    const before = await snapshot();

    const res = await request(app).get('/api/safety/entries/export').set('Authorization', analyst.auth);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="safety-lists-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text: string = res.text;
    expect(text.split('\r\n')[0]).toBe(HEADER);
    expect(text).toContain(`protected,host,dc01.corp.example,medium,"'=HYPERLINK(""x"")",'+ad\r\n`);
    expect(text).toContain('protected,cidr,10.70.0.0/16,critical,"OT network, never contain",plant-ops\r\n');
    const again = await importCsv(text);
    expect(again.body).toEqual({ created: 0, updated: before.length, rows: before.length });
    expect(await snapshot()).toEqual(before);
  });
});
