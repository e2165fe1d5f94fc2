import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRoutes } from '../../src/http/routes/audit';
import { recordAudit, type AuditEntry } from '../../src/services/audit';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let app: ReturnType<typeof testApp>['app'];
let manager: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let analyst: Awaited<ReturnType<typeof createUser>>;

const get = (query: string, auth = manager.auth) => request(app).get(`/api/audit?${query}`).set('Authorization', auth);

/** Writes through recordAudit; returns the stored row. */
async function audit(entry: AuditEntry) {
  await recordAudit(db.prisma, entry);
  // createdAt has millisecond precision: keep lines of the ordering test apart in time.
  await new Promise((r) => setTimeout(r, 5));
  return db.prisma.auditEvent.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

const ids = (res: request.Response): string[] => res.body.events.map((e: { id: string }) => e.id);

beforeAll(async () => {
  db = await createTestDatabase();
  app = testApp(testContext(db.prisma), [auditRoutes({ ctx: testContext(db.prisma) })]).app;
  [manager, admin, analyst] = await Promise.all([
    createUser(db.prisma, 'manager'),
    createUser(db.prisma, 'admin'),
    createUser(db.prisma, 'analyst'),
  ]);
});
afterAll(() => db.drop());

describe('GET /audit', () => {
  let created: string;
  let escalated: string;
  let decided: string;
  let escalatedAt: Date;
  let decidedAt: Date;

  beforeAll(async () => {
    const actor = { userId: admin.id, username: admin.username, role: 'admin' as const, via: 'session' as const };
    created = (await audit({ actor, action: 'workflow.created', targetType: 'workflow', targetId: 'w-1' })).id;
    const esc = await audit({
      actor: 'system:executor',
      action: 'approval.escalated',
      targetType: 'approval_task',
      targetId: 't-1',
    });
    const dec = await audit({
      actor,
      action: 'approval.decided',
      targetType: 'approval_task',
      targetId: 't-1',
      details: { breakGlass: true, decision: 'approved' },
    });
    [escalated, escalatedAt, decided, decidedAt] = [esc.id, esc.createdAt, dec.id, dec.createdAt];
  });

  it('when a manager lists the log then every line comes newest first with its details', async () => {
    const res = await get('');

    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([decided, escalated, created]);
    expect(res.body.events[0]).toMatchObject({
      actor: `user:${admin.id}:${admin.username}`,
      action: 'approval.decided',
      targetType: 'approval_task',
      targetId: 't-1',
      details: { breakGlass: true, decision: 'approved' },
      createdAt: decidedAt.toISOString(),
    });
    expect(res.body.nextCursor).toBeNull();
  });

  it.each([
    ['targetType=approval_task&targetId=t-1', () => [decided, escalated]],
    ['targetType=workflow', () => [created]],
    ['targetId=t-2', () => []],
    ['action=approval.escalated', () => [escalated]],
    ['actor=system:executor', () => [escalated]],
    ['actor=user:{admin}', () => [decided, created]],
    ['from={escalatedAt}&to={decidedAt}', () => [escalated]],
  ])('when filtered by %s then only the matching lines come back', async (query, expected) => {
    const res = await get(
      query
        .replace('{admin}', admin.id)
        .replace('{escalatedAt}', escalatedAt.toISOString())
        .replace('{decidedAt}', decidedAt.toISOString()),
    );

    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(expected());
  });

  it('when an admin asks then 200; when an analyst asks then 403', async () => {
    expect((await get('', admin.auth)).status).toBe(200);
    const res = await get('', analyst.auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it.each([
    ['from=yesterday', 'query.from'],
    ['to=2026-13-45T00:00:00Z', 'query.to'],
    ['from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z', 'query.from'],
    ['limit=0', 'query.limit'],
    ['limit=201', 'query.limit'],
    ['cursor=bm9wZQ', 'query.cursor'],
    ['targt=x', 'query'],
  ])('when the query has %s then 400 names %s', async (query, field) => {
    const res = await get(query);

    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});

describe('GET /audit pages', () => {
  it('when lines share a timestamp then following nextCursor visits each line once, in the order of one long page', async () => {
    // Five lines at one instant (createdAt is set explicitly: recordAudit stamps each line apart).
    const at = new Date('2026-11-20T10:00:00.000Z');
    await db.prisma.auditEvent.createMany({
      data: [0, 1, 2, 3, 4].map((i) => ({
        actor: 'system:test',
        action: 'page.test',
        targetType: 'page',
        targetId: `p-${i}`,
        createdAt: at,
      })),
    });
    const stored = await db.prisma.auditEvent.findMany({ where: { action: 'page.test' } });
    expect(new Set(stored.map((r) => r.createdAt.getTime())).size).toBe(1);
    const whole = await get('action=page.test&limit=200');
    expect(ids(whole)).toEqual(
      stored
        .map((r) => r.id)
        .sort()
        .reverse(),
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`action=page.test&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(pages).toBe(3);
    expect(seen).toEqual(ids(whole));
  });
});
