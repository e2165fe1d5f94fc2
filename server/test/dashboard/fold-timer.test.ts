/**
 * The rollup folder of the background processes: a run that ends is folded into the
 * rollups on the timer, with nobody reading the dashboard; a fold that fails is logged
 * at warn and the timer goes on; stop() ends the ticks.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/context';
import { createRollupFolder } from '../../src/services/dashboard/fold-timer';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testContext } from '../support/app';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(() => db.drop());

const count = async (sql: string, id: string) =>
  Number((await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(sql, id))[0]?.n);

describe('timed rollup fold', () => {
  it('folds a run that ended without any dashboard read', async () => {
    const owner = await createUser(db.prisma, 'analyst');
    const wf = await db.prisma.workflow.create({ data: { slug: 'timed', name: 'Timed', ownerId: owner.id } });
    const v = await db.prisma.workflowVersion.create({
      data: { workflowId: wf.id, number: 1, document: {}, contentHash: 'h', authorId: owner.id },
    });
    const run = await db.prisma.run.create({
      data: { workflowId: wf.id, versionId: v.id, mode: 'live', status: 'running', triggerType: 'webhook', input: {} },
    });
    await db.prisma.run.update({ where: { id: run.id }, data: { status: 'succeeded', finishedAt: new Date() } });
    const pending = 'SELECT count(*) AS n FROM dashboard_pending_runs WHERE run_id = $1::uuid';
    const rolled =
      'SELECT coalesce(sum(runs), 0) AS n FROM dashboard_rollup_runs WHERE workflow_id = $1::uuid AND grain = 0';
    expect(await count(pending, run.id)).toBe(1);
    expect(await count(rolled, wf.id)).toBe(0);

    const folder = createRollupFolder(testContext(db.prisma), { intervalMs: 20 });
    folder.start();
    try {
      await vi.waitFor(async () => expect(await count(rolled, wf.id)).toBe(1), { timeout: 10_000, interval: 20 });
      expect(await count(pending, run.id)).toBe(0);
    } finally {
      await folder.stop();
    }
  });

  it('logs a failed fold at warn, tries again on the next tick, and stops ticking when stopped', async () => {
    const queryRaw = vi.fn(() => Promise.reject(new Error('connection lost')));
    const warn = vi.fn();
    const ctx = { prisma: { $queryRaw: queryRaw }, log: { warn } } as unknown as Pick<AppContext, 'prisma' | 'log'>;
    const folder = createRollupFolder(ctx, { intervalMs: 5 });
    folder.start();
    await vi.waitFor(() => expect(warn.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 5_000, interval: 5 });
    await folder.stop();
    const calls = queryRaw.mock.calls.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(queryRaw.mock.calls.length).toBe(calls);
  });
});
