/**
 * The replay runner's housekeeping, with a clock the test moves (the database keeps real
 * time): stored events past REPLAY_RETENTION_DAYS are deleted (0 deletes them all), a
 * shadow past its period ends, and an item left running by a stopped process runs again at
 * start. And the run's INSERT keeps the event only when it is given one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids';
import { systemClock } from '../../src/engine';
import { createReplayRunner } from '../../src/services/replays';
import { insertLiveRun } from '../../src/store/runs-create';
import { prismaSql } from '../../src/store/runs-sql';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { allowAll, publishedWorkflow, transform, workflow } from '../runs/support';
import { testContext } from '../support/app';
import { eventually } from './support';

const DAY = 86_400_000;
let db: TestDatabase;
let wf: { workflowId: string; versionId: string };

beforeAll(async () => {
  db = await createTestDatabase();
  wf = await publishedWorkflow(
    db.prisma,
    workflow('t', { t: transform('event.n * 2', { out: 'end' }), end: { type: 'end', params: {} } }),
  );
});
afterAll(() => db.drop());

/** A runner whose clock reads `time.now`, with REPLAY_RETENTION_DAYS = `days`. */
function runnerAt(days: number, sweepMs?: number) {
  const time = { now: Date.now() };
  const ctx = {
    ...testContext(db.prisma, { REPLAY_RETENTION_DAYS: days }),
    clock: { ...systemClock, now: () => time.now },
  };
  return { time, runner: createReplayRunner(ctx, { safety: allowAll, pollMs: 20, ...(sweepMs ? { sweepMs } : {}) }) };
}

async function storedEvent(receivedAt: Date) {
  const run = await db.prisma.run.create({
    data: {
      workflowId: wf.workflowId,
      versionId: wf.versionId,
      mode: 'live',
      status: 'succeeded',
      triggerType: 'manual',
      input: { n: 1 },
    },
  });
  await db.prisma.replayEvent.create({
    data: { workflowId: wf.workflowId, versionId: wf.versionId, runId: run.id, event: { n: 1 }, receivedAt },
  });
  return run.id;
}

const kept = async (runIds: string[]) =>
  (await db.prisma.replayEvent.findMany({ where: { runId: { in: runIds } }, select: { runId: true } })).map(
    (r) => r.runId,
  );

describe('retention', () => {
  it('when events pass REPLAY_RETENTION_DAYS then the sweep deletes them, and the newer stay until their turn', async () => {
    const { time, runner } = runnerAt(30, 3 * DAY);
    const old = await storedEvent(new Date(time.now - 40 * DAY));
    const nearly = await storedEvent(new Date(time.now - 29 * DAY));
    const fresh = await storedEvent(new Date(time.now - DAY));

    await runner.sweep(true);
    expect(await kept([old, nearly, fresh])).toEqual([nearly, fresh]);

    time.now += 2 * DAY;
    // Within the sweep interval (3 days here) nothing is deleted, though `nearly` is now past 30 days.
    expect(await runner.sweep()).toBe(0);
    expect(await kept([nearly])).toEqual([nearly]);
    time.now += DAY;
    expect(await runner.sweep()).toBeGreaterThanOrEqual(1);
    expect(await kept([old, nearly, fresh])).toEqual([fresh]);
  });

  it('when REPLAY_RETENTION_DAYS is 0 then the sweep deletes every stored event', async () => {
    const { runner } = runnerAt(0);
    const recent = await storedEvent(new Date(Date.now() - 1_000));
    await runner.sweep(true);
    expect(await kept([recent])).toEqual([]);
  });

  it('when the run is recorded without an event to keep then no event is stored, and with one it is, in the same statement', async () => {
    const sql = prismaSql(db.prisma);
    const base = {
      workflowId: wf.workflowId,
      versionId: wf.versionId,
      triggerType: 'manual',
      event: { n: 2, token: 'secret' },
      createdAt: Date.now(),
      eventTimestamp: null,
      createdById: null,
      dedupeKey: null,
      leaseOwner: null,
      leaseMs: 1_000,
    };
    const without = newId(Date.now());
    const withEvent = newId(Date.now());
    await insertLiveRun(sql, { ...base, id: without, replayEvent: null });
    await insertLiveRun(sql, { ...base, id: withEvent, replayEvent: { n: 2, token: '[redacted]' } });
    expect(await kept([without, withEvent])).toEqual([withEvent]);
    const row = await db.prisma.replayEvent.findUniqueOrThrow({ where: { runId: withEvent } });
    expect(row.event).toEqual({ n: 2, token: '[redacted]' });
    expect(row.receivedAt.getTime()).toBe(base.createdAt);
    await db.prisma.run.updateMany({ where: { id: { in: [without, withEvent] } }, data: { status: 'cancelled' } });
  });
});

describe('shadows and recovery', () => {
  it('when a shadow passes its period then the sweep ends it at its until', async () => {
    const { time, runner } = runnerAt(30);
    const until = new Date(time.now + 3_600_000);
    const shadow = await db.prisma.replay.create({
      data: {
        workflowId: wf.workflowId,
        versionId: wf.versionId,
        kind: 'shadow',
        status: 'active',
        until,
        createdAt: new Date(time.now),
      },
    });
    await runner.sweep(true);
    expect((await db.prisma.replay.findUniqueOrThrow({ where: { id: shadow.id } })).status).toBe('active');
    time.now += 2 * 3_600_000;
    await runner.sweep(true);
    expect(await db.prisma.replay.findUniqueOrThrow({ where: { id: shadow.id } })).toMatchObject({
      status: 'ended',
      finishedAt: until,
    });
  });

  it('when an item was left running by a stopped process then the runner queues it again at start and finishes the replay', async () => {
    const { runner } = runnerAt(30);
    const runId = await storedEvent(new Date());
    const replay = await db.prisma.replay.create({
      data: {
        workflowId: wf.workflowId,
        versionId: wf.versionId,
        kind: 'replay',
        status: 'running',
        requested: 1,
        createdAt: new Date(),
      },
    });
    await db.prisma.replayItem.create({
      data: { replayId: replay.id, liveRunId: runId, eventAt: new Date(), status: 'running', createdAt: new Date() },
    });

    await runner.start();
    try {
      const done = await eventually(async () => {
        const r = await db.prisma.replay.findUniqueOrThrow({ where: { id: replay.id }, include: { items: true } });
        return r.status === 'done' ? r : undefined;
      });
      expect(done.items[0]).toMatchObject({ status: 'done', outcome: 'different' });
      // The live row has no step results: the candidate's path ['t', 'end'] is the difference.
      expect(done.items[0]?.diff).toMatchObject({
        pathChanged: true,
        candidate: { status: 'succeeded', path: ['t', 'end'] },
      });
    } finally {
      await runner.stop();
    }
  });
});
