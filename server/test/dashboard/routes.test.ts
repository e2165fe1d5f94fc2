/**
 * The dashboard API over HTTP: who sees which workflows, bad queries answered 400 naming
 * the field, and the CSV export of the runs behind a chart.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from '../../src/http/routes/dashboard';
import { createDashboardService } from '../../src/services/dashboard';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testApp, testContext } from '../support/app';
import { fixedClock, FORMULA_MESSAGE, RANGE, seedFixture, type Fixture } from './fixture';

let db: TestDatabase;
let f: Fixture;
let app: ReturnType<typeof testApp>['app'];

beforeAll(async () => {
  db = await createTestDatabase();
  f = await seedFixture(db.prisma);
  const ctx = { ...testContext(db.prisma), clock: fixedClock };
  app = testApp(ctx, [dashboardRoutes({ dashboard: createDashboardService(ctx) })]).app;
});
afterAll(() => db.drop());

const get = (path: string, auth: string) => request(app).get(`/api${path}`).set('authorization', auth);
const ids = (rows: { workflowId?: string; id?: string }[]) => rows.map((r) => r.workflowId ?? r.id).sort();

describe('dashboard scope', () => {
  it('when each role asks for the workflow list then managers see all, others what they own or review', async () => {
    const seen = async (auth: string) => ids((await get('/dashboard/workflows', auth).expect(200)).body.workflows);

    expect(await seen(f.users.M.auth)).toEqual(Object.values(f.wf).sort());
    expect(await seen(f.users.A.auth)).toEqual([f.wf.wf1, f.wf.wf2].sort());
    expect(await seen(f.users.B.auth)).toEqual([f.wf.wf3, f.wf.wf4].sort());
    // R is a requested reviewer of wf3 and wf2; S only decided on wf2's review.
    expect(await seen(f.users.R.auth)).toEqual([f.wf.wf2, f.wf.wf3].sort());
    expect(await seen(f.users.S.auth)).toEqual([f.wf.wf2]);
  });

  it('when an analyst reads the aggregates then only runs of their own workflows count', async () => {
    const runs = await get(`/dashboard/runs?${RANGE}`, f.users.A.auth).expect(200);
    const durations = await get(`/dashboard/durations?${RANGE}`, f.users.A.auth).expect(200);
    const saved = await get(`/dashboard/time-saved?${RANGE}`, f.users.B.auth).expect(200);

    // wf1 (6 runs) + wf2 (5 runs); B's wf3 has no baseline: nothing saved, 2 runs without one.
    expect(runs.body.totals.runs).toBe(11);
    expect(ids(durations.body.workflows)).toEqual([f.wf.wf1, f.wf.wf2].sort());
    expect(saved.body.total).toMatchObject({ runs: 0, runsWithoutBaseline: 2 });
  });

  it('when someone filters on a workflow outside their scope then 404, and a manager may filter on any', async () => {
    const outside = await get(`/dashboard/runs?${RANGE}&workflowId=${f.wf.wf3}`, f.users.A.auth);
    const manager = await get(`/dashboard/runs?${RANGE}&workflowId=${f.wf.wf3}`, f.users.M.auth).expect(200);

    expect(outside.status).toBe(404);
    expect(outside.body.error.code).toBe('not_found');
    expect(manager.body.totals.runs).toBe(2);
  });
});

describe('dashboard query validation', () => {
  it.each([
    ['from=yesterday', 'query.from'],
    ['to=2026-13-45T00:00:00Z', 'query.to'],
    ['workflowId=nope', 'query.workflowId'],
    ['bucket=minute', 'query.bucket'],
    ['from=2026-11-20T12:00:00Z&to=2026-11-20T00:00:00Z', 'query.from'],
    ['from=2020-01-01T00:00:00Z&to=2026-11-20T00:00:00Z', 'query.from'],
    ['from=2026-01-01T00:00:00Z&to=2026-11-20T00:00:00Z&bucket=hour', 'query.bucket'],
    ['limt=3', 'query'],
  ])('when the query has %s then 400 names %s', async (query, field) => {
    const res = await get(`/dashboard/durations?${query}`, f.users.M.auth);

    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it('when the CSV query names an unknown chart then 400 names query.chart', async () => {
    const res = await get(`/dashboard/runs.csv?chart=pie`, f.users.M.auth);

    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query.chart');
  });
});

/** Minimal RFC 4180 reader for the assertions (quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('dashboard CSV export', () => {
  it('when the runs behind the time-to-contain chart are exported then exactly its four runs come, with their figures', async () => {
    const res = await get(`/dashboard/runs.csv?${RANGE}&chart=contain`, f.users.M.auth).expect(200);

    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="runs-contain-2026-11-20-2026-11-20.csv"');
    const [head, ...rows] = parseCsv(res.text);
    const col = (name: string) => head?.indexOf(name) ?? -1;
    expect(rows.map((r) => r[col('run_id')])).toEqual([f.runs.r1, f.runs.r6, f.runs.r2, f.runs.r7]);
    expect(rows.map((r) => r[col('time_to_contain_s')])).toEqual(['540', '100', '1200', '90']);
    expect(rows.map((r) => r[col('time_saved_s')])).toEqual(['2100', '1800', '1380', '1800']);
  });

  it('when a run contained nothing then its time_to_contain_s is blank, not 0', async () => {
    const res = await get(`/dashboard/runs.csv?${RANGE}`, f.users.M.auth).expect(200);

    const [head, ...rows] = parseCsv(res.text);
    const col = (name: string) => head?.indexOf(name) ?? -1;
    const ttc = (id: string) => rows.find((r) => r[col('run_id')] === id)?.[col('time_to_contain_s')];
    expect([f.runs.r1, f.runs.r6, f.runs.r2, f.runs.r7].map(ttc)).toEqual(['540', '100', '1200', '90']);
    const notContained = rows.filter((r) => r[col('contained_at')] === '');
    expect(notContained.length).toBeGreaterThan(0);
    expect(notContained.map((r) => r[col('time_to_contain_s')])).toEqual(notContained.map(() => ''));
  });

  it('when a cell looks like a formula or holds quotes and commas then it is guarded and quoted', async () => {
    const res = await get(`/dashboard/runs.csv?${RANGE}&chart=failing&stepId=lookup`, f.users.M.auth).expect(200);

    const [head, ...rows] = parseCsv(res.text);
    expect(rows.map((r) => r[head?.indexOf('run_id') ?? -1])).toEqual([f.runs.r6, f.runs.r9]);
    expect(res.text).toContain(`"'${FORMULA_MESSAGE.replace(/"/g, '""')}"`);
    expect(rows[1]?.[head?.indexOf('error_message') ?? -1]).toBe(`'${FORMULA_MESSAGE}`);
  });

  it('when an analyst exports then runs of workflows outside their scope are not in the file', async () => {
    const res = await get(`/dashboard/runs.csv?${RANGE}`, f.users.B.auth).expect(200);

    const [, ...rows] = parseCsv(res.text);
    expect(rows.map((r) => r[0]).sort()).toEqual([f.runs.r11, f.runs.r12].sort());
  });
});
