/**
 * What the audit log viewer reads (issue 16 §1): keyset pages both ways, the pick-lists of
 * actions and actors, the filtered lines as CSV, and details that never carry a secret.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRoutes } from '../../src/http/routes/audit';
import { recordAudit } from '../../src/services/audit';
import { parseCsv } from '../../src/services/assets/csv';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let app: ReturnType<typeof testApp>['app'];
let manager: Awaited<ReturnType<typeof createUser>>;
let analyst: Awaited<ReturnType<typeof createUser>>;

const get = (path: string, auth = manager.auth) => request(app).get(`/api${path}`).set('Authorization', auth);
const ids = (res: request.Response): string[] => res.body.events.map((e: { id: string }) => e.id);

/** Seven lines of action `page.walk`, two sharing one instant; ids newest first. */
let walk: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  app = testApp(testContext(db.prisma), [auditRoutes({ ctx: testContext(db.prisma) })]).app;
  [manager, analyst] = await Promise.all([createUser(db.prisma, 'manager'), createUser(db.prisma, 'analyst')]);
  const base = Date.parse('2026-11-20T10:00:00.000Z');
  const at = [0, 1, 2, 2, 3, 4, 5].map((s) => new Date(base + s * 1000));
  await db.prisma.auditEvent.createMany({
    data: at.map((createdAt, i) => ({
      actor: 'system:test',
      action: 'page.walk',
      targetType: 'page',
      targetId: `p-${i}`,
      createdAt,
    })),
  });
  const rows = await db.prisma.auditEvent.findMany({
    where: { action: 'page.walk' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  walk = rows.map((r) => r.id);
});
afterAll(() => db.drop());

describe('GET /audit pages both ways', () => {
  it('when walking older with nextCursor and back with prevCursor then each page is the same lines, and the newest page has no prevCursor', async () => {
    const q = '/audit?action=page.walk&limit=3';
    const first = await get(q);
    expect(ids(first)).toEqual(walk.slice(0, 3));
    expect(first.body.prevCursor).toBeNull();

    const second = await get(`${q}&cursor=${first.body.nextCursor}`);
    expect(ids(second)).toEqual(walk.slice(3, 6));
    expect(second.body.prevCursor).not.toBeNull();

    const third = await get(`${q}&cursor=${second.body.nextCursor}`);
    expect(ids(third)).toEqual(walk.slice(6));
    expect(third.body.nextCursor).toBeNull();

    const backToSecond = await get(`${q}&newer=${third.body.prevCursor}`);
    expect(ids(backToSecond)).toEqual(walk.slice(3, 6));
    expect(backToSecond.body.nextCursor).not.toBeNull();

    const backToFirst = await get(`${q}&newer=${backToSecond.body.prevCursor}`);
    expect(ids(backToFirst)).toEqual(walk.slice(0, 3));
    expect(backToFirst.body.prevCursor).toBeNull();
    expect(ids(await get(`${q}&cursor=${backToFirst.body.nextCursor}`))).toEqual(walk.slice(3, 6));
  });

  it('when a page starts at the line just below the newest then newer gives only the newest line', async () => {
    const one = await get('/audit?action=page.walk&limit=1');
    const below = await get(`/audit?action=page.walk&limit=5&cursor=${one.body.nextCursor}`);
    expect(ids(below)).toEqual(walk.slice(1, 6));

    const up = await get(`/audit?action=page.walk&limit=5&newer=${below.body.prevCursor}`);
    expect(ids(up)).toEqual(walk.slice(0, 1));
    expect(up.body.prevCursor).toBeNull();
  });

  it.each([
    ['cursor={c}&newer={c}', 'query.newer'],
    ['newer=bm9wZQ', 'query.newer'],
  ])('when the query has %s then 400 names %s', async (query, field) => {
    const c = (await get('/audit?action=page.walk&limit=1')).body.nextCursor;
    const res = await get(`/audit?${query.replaceAll('{c}', c)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});

describe('secrets in details', () => {
  it('when a line is recorded with secret-named keys then their values are stored and read as [redacted], names and counts kept', async () => {
    await recordAudit(db.prisma, {
      actor: 'system:test',
      action: 'secret.test',
      targetType: 'secret',
      targetId: 's-1',
      details: {
        password: 'hunter2',
        nested: { apiKey: 'k-123', headers: [{ Authorization: 'Bearer abc' }] },
        tokenId: 't-1',
        secretName: 'abuse',
        tokensRevoked: 2,
        mode: 'live',
      },
    });
    const stored = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'secret.test' } });
    expect(JSON.stringify(stored.details)).not.toMatch(/hunter2|k-123|Bearer abc/);

    const res = await get('/audit?action=secret.test');
    expect(res.body.events[0].details).toEqual({
      password: '[redacted]',
      nested: { apiKey: '[redacted]', headers: [{ Authorization: '[redacted]' }] },
      tokenId: 't-1',
      secretName: 'abuse',
      tokensRevoked: 2,
      mode: 'live',
    });
  });

  it('when a stored line holds a secret (written around recordAudit) then the list and the export still show it redacted', async () => {
    await db.prisma.auditEvent.create({
      data: {
        actor: 'system:test',
        action: 'legacy.secret',
        targetType: 'webhook',
        targetId: 'w-1',
        details: { webhookSecret: 's3cr3t-value' },
      },
    });
    const res = await get('/audit?action=legacy.secret');
    expect(res.body.events[0].details).toEqual({ webhookSecret: '[redacted]' });
    const csv = await get('/audit/export.csv?action=legacy.secret');
    expect(csv.text).not.toContain('s3cr3t-value');
    expect(csv.text).toContain('[redacted]');
  });
});

describe('GET /audit/facets', () => {
  it('when asked then the distinct actions, actors and target types come sorted, once each', async () => {
    const res = await get('/audit/facets');
    expect(res.status).toBe(200);
    expect(res.body.actions).toEqual([...new Set(res.body.actions)].sort());
    expect(res.body.actions).toEqual(expect.arrayContaining(['legacy.secret', 'page.walk', 'secret.test']));
    expect(res.body.actions.filter((a: string) => a === 'page.walk')).toHaveLength(1);
    expect(res.body.actors).toEqual(['system:test']);
    expect(res.body.targetTypes).toEqual(['page', 'secret', 'webhook']);
  });

  it('when an analyst asks then 403', async () => {
    expect((await get('/audit/facets', analyst.auth)).status).toBe(403);
  });
});

describe('GET /audit/export.csv', () => {
  it('when filtered then every matching line comes as CSV, newest first, with the list filters applied', async () => {
    const res = await get('/audit/export.csv?action=page.walk&from=2026-11-20T10:00:01.000Z');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...records] = parseCsv(res.text).map((r) => r.fields);
    expect(header).toEqual([
      'created_at',
      'actor',
      'action',
      'target_type',
      'target_id',
      'before_hash',
      'after_hash',
      'details',
    ]);
    const listed = await get('/audit?action=page.walk&from=2026-11-20T10:00:01.000Z&limit=200');
    expect(records.map((r) => r[4])).toEqual(listed.body.events.map((e: { targetId: string }) => e.targetId));
    expect(records).toHaveLength(6);
    expect(records[0]).toEqual(['2026-11-20T10:00:05.000Z', 'system:test', 'page.walk', 'page', 'p-6', '', '', '{}']);
  });

  it('when more lines match than one batch reads then every one is exported once', async () => {
    await db.prisma.auditEvent.createMany({
      data: Array.from({ length: 4_203 }, (_, i) => ({
        actor: 'system:bulk',
        action: 'bulk.line',
        targetType: 'bulk',
        targetId: `b-${i}`,
        createdAt: new Date(Date.parse('2026-11-21T00:00:00.000Z') + Math.floor(i / 3) * 1000),
      })),
    });
    const res = await get('/audit/export.csv?action=bulk.line');
    const records = parseCsv(res.text).slice(1);
    expect(records).toHaveLength(4_203);
    expect(new Set(records.map((r) => r.fields[4])).size).toBe(4_203);
  });

  it.each([
    ['from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z', 'query.from'],
    ['cursor=abc', 'query'],
  ])('when the export query has %s then 400 names %s', async (query, field) => {
    const res = await get(`/audit/export.csv?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it('when an analyst asks then 403 and no CSV', async () => {
    const res = await get('/audit/export.csv', analyst.auth);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/json/);
  });
});
