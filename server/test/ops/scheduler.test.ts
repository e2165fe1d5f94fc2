import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/engine';
import { Prisma, type PrismaClient } from '../../src/generated/prisma/client';
import type { RunStarter } from '../../src/services/contracts';
import { createScheduler } from '../../src/services/triggers';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testContext } from '../support/app';
import { seedWorkflow } from './fixtures';

let db: TestDatabase;

/** A RunStarter over real Run rows: the dedupe key's unique index decides, as in the real one. */
function dbRunStarter(prisma: PrismaClient) {
  const stats = { calls: 0, created: 0 };
  const starter: RunStarter = {
    async startLive(input) {
      stats.calls += 1;
      const wf = await prisma.workflow.findUniqueOrThrow({ where: { id: input.workflowId } });
      try {
        const run = await prisma.run.create({
          data: {
            workflowId: wf.id,
            versionId: wf.publishedVersionId ?? '',
            mode: 'live',
            triggerType: input.trigger,
            input: input.event as Prisma.InputJsonValue,
            dedupeKey: input.dedupeKey ?? null,
          },
        });
        stats.created += 1;
        return { runId: run.id, deduplicated: false };
      } catch (e) {
        if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
        const run = await prisma.run.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey ?? '' } });
        return { runId: run.id, deduplicated: true };
      }
    },
    waitForRun: async (runId) => ({ runId, status: 'queued' }),
  };
  return { starter, stats };
}

function fakeClock(start: string): Clock & { at: number } {
  const clock = { at: Date.parse(start), now: () => clock.at, sleep: async () => undefined };
  return clock;
}

const scheduleWorkflow = (cron: string, timezone = 'UTC') =>
  seedWorkflow(db.prisma, { trigger: 'trigger.schedule', triggerParams: { cron, timezone } });
const runKeys = async (workflowId: string) =>
  (await db.prisma.run.findMany({ where: { workflowId }, orderBy: { createdAt: 'asc' } })).map((r) => r.dedupeKey);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  // Each test sees only its own schedules.
  await db.prisma.workflow.updateMany({ data: { publishedVersionId: null } });
});
afterAll(() => db.drop());

describe('scheduler', () => {
  it('when two schedulers share a database then every tick starts exactly one run and is recorded once', async () => {
    const { workflow } = await scheduleWorkflow('* * * * * *');
    const clock = fakeClock('2026-03-01T10:00:00.400Z');
    const ctx = { ...testContext(db.prisma), clock };
    const runs = dbRunStarter(db.prisma);
    const a = createScheduler(ctx, { runs: runs.starter });
    const b = createScheduler(ctx, { runs: runs.starter });
    await Promise.all([a.refresh(), b.refresh()]);
    for (let i = 1; i <= 3; i++) {
      clock.at = Date.parse('2026-03-01T10:00:00.000Z') + i * 1000 + 20;
      await Promise.all([a.fireDue(clock.at), b.fireDue(clock.at), a.fireDue(clock.at)]);
    }
    a.stop();
    b.stop();
    expect(runs.stats).toEqual({ calls: 6, created: 3 });
    expect(await runKeys(workflow.id)).toEqual(
      [1, 2, 3].map((s) => `schedule:${workflow.id}:2026-03-01T10:00:0${s}.000Z`),
    );
    const ticks = await db.prisma.scheduleTick.findMany({
      where: { workflowId: workflow.id },
      orderBy: { tickAt: 'asc' },
    });
    expect(ticks.map((t) => t.tickAt.toISOString())).toEqual([1, 2, 3].map((s) => `2026-03-01T10:00:0${s}.000Z`));
    expect(ticks.every((t) => t.runId !== null)).toBe(true);
  });

  it('when a pass comes late then it fires only the latest due tick, not a burst', async () => {
    const { workflow } = await scheduleWorkflow('* * * * * *');
    const clock = fakeClock('2026-03-01T11:00:00.500Z');
    const runs = dbRunStarter(db.prisma);
    const s = createScheduler({ ...testContext(db.prisma), clock }, { runs: runs.starter });
    await s.refresh();
    clock.at = Date.parse('2026-03-01T11:00:10.300Z');
    await s.fireDue(clock.at);
    expect(await runKeys(workflow.id)).toEqual([`schedule:${workflow.id}:2026-03-01T11:00:10.000Z`]);
    expect(s.upcoming().get(workflow.id)).toBe(Date.parse('2026-03-01T11:00:11.000Z'));
  });

  it('when two schedulers run on real timers with an every-second cron then each tick has one run', async () => {
    const { workflow } = await scheduleWorkflow('* * * * * *');
    const runs = dbRunStarter(db.prisma);
    const ctx = testContext(db.prisma);
    const a = createScheduler(ctx, { runs: runs.starter });
    const b = createScheduler(ctx, { runs: runs.starter });
    await Promise.all([a.start(), b.start()]);
    await new Promise((r) => setTimeout(r, 2_300));
    a.stop();
    b.stop();
    await new Promise((r) => setTimeout(r, 200)); // let a pass in flight finish
    const ticks = await db.prisma.scheduleTick.findMany({ where: { workflowId: workflow.id } });
    const keys = await runKeys(workflow.id);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(keys).toHaveLength(ticks.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(runs.stats.created).toBe(ticks.length);
    expect(runs.stats.calls).toBeGreaterThan(runs.stats.created);
  });

  it('when the server restarts after missing ticks then only the most recent one within the grace window fires', async () => {
    const { workflow } = await scheduleWorkflow('0 * * * *');
    await db.prisma.scheduleTick.create({
      data: { workflowId: workflow.id, tickAt: new Date('2026-03-01T10:00:00Z') },
    });
    const runs = dbRunStarter(db.prisma);
    const clock = fakeClock('2026-03-01T12:30:00Z');
    const s = createScheduler({ ...testContext(db.prisma), clock }, { runs: runs.starter });
    await s.start();
    s.stop();
    expect(await runKeys(workflow.id)).toEqual([`schedule:${workflow.id}:2026-03-01T12:00:00.000Z`]);
    // A second restart in the same hour finds the tick recorded: nothing more.
    const again = createScheduler({ ...testContext(db.prisma), clock }, { runs: runs.starter });
    await again.start();
    again.stop();
    expect(runs.stats.created).toBe(1);
  });

  it('when the missed tick is older than the grace window, or the schedule never fired, then nothing fires on start', async () => {
    const late = await scheduleWorkflow('0 * * * *');
    await db.prisma.scheduleTick.create({
      data: { workflowId: late.workflow.id, tickAt: new Date('2026-03-01T10:00:00Z') },
    });
    const fresh = await scheduleWorkflow('0 * * * *');
    const runs = dbRunStarter(db.prisma);
    const clock = fakeClock('2026-03-01T12:30:00Z');
    const s = createScheduler({ ...testContext(db.prisma), clock }, { runs: runs.starter }, { graceMs: 20 * 60_000 });
    await s.start();
    s.stop();
    expect(runs.stats.calls).toBe(0);
    expect(s.upcoming()).toEqual(
      new Map([
        [late.workflow.id, Date.parse('2026-03-01T13:00:00Z')],
        [fresh.workflow.id, Date.parse('2026-03-01T13:00:00Z')],
      ]),
    );
  });

  it('when a schedule is published or unpublished then refresh() picks it up or drops it; the timezone counts', async () => {
    const clock = fakeClock('2026-03-01T12:30:00Z');
    const s = createScheduler({ ...testContext(db.prisma), clock }, { runs: dbRunStarter(db.prisma).starter });
    await s.refresh();
    expect(s.upcoming().size).toBe(0);
    const { workflow } = await scheduleWorkflow('0 9 * * *', 'America/New_York');
    await s.refresh();
    expect(s.upcoming().get(workflow.id)).toBe(Date.parse('2026-03-01T14:00:00Z'));
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { publishedVersionId: null } });
    await s.refresh();
    expect(s.upcoming().size).toBe(0);
  });
});
