/**
 * Group commit of new runs (issue 18 §2): the ingest batcher records every run that arrives
 * while a statement is in flight in ONE statement, with each webhook's signature claim, and
 * answers each caller with its own row's outcome.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids';
import { createIngestBatcher } from '../../src/executor/ingest';
import type { IngestRow } from '../../src/store/runs-ingest';
import { createPgPool, pgSql, type Sql } from '../../src/store/runs-sql';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { publishedWorkflow, transform, workflow } from './support';

let db: TestDatabase;
let pool: pg.Pool;
let sql: Sql;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPgPool(db.url);
  sql = pgSql(pool);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

const doc = workflow('a', { a: transform('event') });

function row(wf: { workflowId: string; versionId: string }, more: Partial<IngestRow> = {}): IngestRow {
  const createdAt = Date.now();
  return {
    id: newId(createdAt),
    workflowId: wf.workflowId,
    versionId: wf.versionId,
    triggerType: 'webhook',
    event: { n: 1 },
    createdAt,
    eventTimestamp: null,
    createdById: null,
    dedupeKey: null,
    leaseOwner: null,
    leaseMs: 1_000,
    replayEvent: null,
    nonce: null,
    ...more,
  };
}

const nonce = () => ({ value: randomUUID(), expiresAt: Date.now() + 300_000 });
const runsOf = (workflowId: string) => db.prisma.run.count({ where: { workflowId } });
const noncesOf = (workflowId: string) => db.prisma.webhookNonce.count({ where: { workflowId } });

describe('ingest batcher', () => {
  it('when 50 runs arrive at once then they are recorded in at most 2 statements, each answered as inserted', async () => {
    const wf = await publishedWorkflow(db.prisma, doc);
    const ingest = createIngestBatcher(sql);
    const before = sql.statements;

    const out = await Promise.all(Array.from({ length: 50 }, () => ingest.insert(row(wf, { nonce: nonce() }))));

    expect(out.every((o) => o.inserted)).toBe(true);
    // The first goes alone (an idle server sends at once); the 49 behind it go together.
    expect(sql.statements - before).toBeLessThanOrEqual(2);
    expect(ingest.stats).toEqual({ batches: sql.statements - before, rows: 50 });
    expect(await runsOf(wf.workflowId)).toBe(50);
    expect(await noncesOf(wf.workflowId)).toBe(50);
  });

  it('when a signature comes twice in one batch, or was used before, then only the first run is recorded', async () => {
    const wf = await publishedWorkflow(db.prisma, doc);
    const ingest = createIngestBatcher(sql);
    const used = nonce();
    await ingest.insert(row(wf, { nonce: used }));
    const twice = nonce();

    const [replayOfOld, first, second] = await Promise.all([
      ingest.insert(row(wf, { nonce: used })),
      ingest.insert(row(wf, { nonce: twice })),
      ingest.insert(row(wf, { nonce: twice })),
    ]);

    expect(replayOfOld).toEqual({ inserted: false, replayed: true });
    expect(first).toMatchObject({ inserted: true });
    expect(second).toEqual({ inserted: false, replayed: true });
    expect(await runsOf(wf.workflowId)).toBe(2);
  });

  it('when the kill switch is on then the run is refused and its signature is not spent', async () => {
    const wf = await publishedWorkflow(db.prisma, doc, { killSwitch: true });
    const ingest = createIngestBatcher(sql);

    const out = await ingest.insert(row(wf, { nonce: nonce() }));

    expect(out).toEqual({ inserted: false, replayed: false, existingRunId: null, nonceSpent: false });
    expect(await runsOf(wf.workflowId)).toBe(0);
    expect(await noncesOf(wf.workflowId)).toBe(0);
  });

  it('when two runs share a dedupe key in one batch then one is recorded and the other names it', async () => {
    const wf = await publishedWorkflow(db.prisma, doc);
    const ingest = createIngestBatcher(sql);
    const key = `webhook:${wf.workflowId}:delivery-1`;
    await ingest.insert(row(wf)); // keeps a statement in flight, so the next two go together

    const [a, b] = await Promise.all([
      ingest.insert(row(wf, { dedupeKey: key, nonce: nonce() })),
      ingest.insert(row(wf, { dedupeKey: key, nonce: nonce() })),
    ]);

    const inserted = [a, b].filter((o) => o.inserted);
    expect(inserted).toHaveLength(1);
    const run = await db.prisma.run.findFirstOrThrow({ where: { dedupeKey: key } });
    const other = a.inserted ? b : a;
    // A dedupe hit is an accepted delivery: its signature stays spent.
    expect(other).toEqual({ inserted: false, replayed: false, existingRunId: run.id, nonceSpent: true });
    expect(await noncesOf(wf.workflowId)).toBe(2);
  });

  it('when a run carries a replay event then it is kept with the run, in the same statement', async () => {
    const wf = await publishedWorkflow(db.prisma, doc);
    const ingest = createIngestBatcher(sql);
    const r = row(wf, { replayEvent: { n: 1, token: '[redacted]' } });
    const before = sql.statements;

    expect(await ingest.insert(r)).toMatchObject({ inserted: true });

    expect(sql.statements - before).toBe(1);
    const kept = await db.prisma.replayEvent.findFirstOrThrow({ where: { runId: r.id } });
    expect(kept.event).toEqual({ n: 1, token: '[redacted]' });
    const stored = await db.prisma.run.findUniqueOrThrow({ where: { id: r.id } });
    expect(stored).toMatchObject({ status: 'queued', triggerType: 'webhook', input: { n: 1 }, stateVersion: 0 });
  });

  it('when one run of a batch cannot be written then only that one fails and the others are recorded', async () => {
    const wf = await publishedWorkflow(db.prisma, doc);
    const ingest = createIngestBatcher(sql);
    await ingest.insert(row(wf)); // keeps a statement in flight, so the next three go together
    const ghost = randomUUID(); // no such user: the row breaks the foreign key

    const out = await Promise.allSettled([
      ingest.insert(row(wf, { nonce: nonce() })),
      ingest.insert(row(wf, { createdById: ghost, nonce: nonce() })),
      ingest.insert(row(wf, { nonce: nonce() })),
    ]);

    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await runsOf(wf.workflowId)).toBe(3);
    expect(await noncesOf(wf.workflowId)).toBe(2); // the failed run's signature is not spent
  });
});
