/**
 * The runs CSV written by PostgreSQL (COPY … TO STDOUT) is byte for byte the file the
 * row-by-row export wrote (test/dashboard/raw/csv.ts with csvLine), for every chart of the
 * fixture (formula-like and quoted messages, negative time saved, blanks, a waiting run);
 * and a reader that stops mid-stream ends the COPY and gives its connection back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvChart } from '@autonomic/api';
import { Prisma } from '../../src/generated/prisma/client';
import { csvLine } from '../../src/services/dashboard';
import { copyCsv } from '../../src/store/dashboard-copy';
import { csvRuns } from '../../src/store/dashboard-csv';
import type { RunScope } from '../../src/store/dashboard-sql';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { FROM, seedFixture, TO, type Fixture } from './fixture';
import { CSV_COLUMNS, csvRunsPage } from './raw';

let db: TestDatabase;
let f: Fixture;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await seedFixture(db.prisma);
});
afterAll(() => db.drop());

/** The file as the row-by-row export wrote it. */
async function before(scope: RunScope, chart: CsvChart, stepId?: string): Promise<string> {
  let out = csvLine(CSV_COLUMNS.map(([name]) => name));
  const filter = { chart, ...(stepId ? { stepId } : {}) };
  for (let after: { createdAt: Date; id: string } | null = null; ;) {
    const page = await csvRunsPage(db.prisma, scope, filter, after, 5);
    out += page.map((r) => csvLine(CSV_COLUMNS.map(([, get]) => get(r)))).join('');
    const last = page.at(-1);
    if (!last || page.length < 5) return out;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

async function read(stream: AsyncIterable<unknown>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) if (chunk instanceof Uint8Array) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

const copies = () =>
  db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY (%'
      AND state <> 'idle'`,
  );

describe('CSV export through COPY', () => {
  const charts: [CsvChart, string?][] = [
    ['runs'],
    ['durations'],
    ['contain'],
    ['saved'],
    ['approvals'],
    ['failing'],
    ['failing', 'lookup'],
  ];
  for (const [chart, stepId] of charts) {
    it(`when the ${chart}${stepId ? ` (${stepId})` : ''} chart is exported then the bytes equal the row-by-row export`, async () => {
      const scope: RunScope = { from: new Date(FROM), to: new Date(TO), workflowIds: null };
      const want = await before(scope, chart, stepId);
      const got = await read(await csvRuns(db.prisma, scope, { chart, ...(stepId ? { stepId } : {}) }));

      expect(got.split('\r\n').length).toBeGreaterThan(1);
      expect(got).toBe(want);
    });
  }

  it('when an analyst scope is exported then only their workflows come, as before', async () => {
    const scope: RunScope = { from: new Date(FROM), to: new Date(TO), workflowIds: [f.wf.wf3, f.wf.wf4] };

    expect(await read(await csvRuns(db.prisma, scope, { chart: 'runs' }))).toBe(await before(scope, 'runs'));
  });

  it('when the reader stops after the first chunk then the COPY ends and its connection is closed', async () => {
    // 10 million rows: far more than every buffer between PostgreSQL and the reader holds.
    const stream = await copyCsv(db.prisma, Prisma.sql`SELECT g, 'row ' || g FROM generate_series(1, 10000000) g`);
    const first: unknown = await new Promise((resolve) =>
      stream.once('data', (chunk) => {
        stream.pause();
        resolve(chunk);
      }),
    );
    expect(first).toBeInstanceOf(Uint8Array);
    expect(Number((await copies())[0]?.n)).toBe(1);

    stream.destroy();

    await expect.poll(async () => Number((await copies())[0]?.n), { timeout: 10_000 }).toBe(0);
  });
});
