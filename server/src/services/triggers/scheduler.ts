import { Cron } from 'croner';
import type { AppContext } from '../../context';
import { findPublishedSchedules, latestTicks, recordTick, type ScheduleRow } from '../../store/schedules';
import type { RunStarter } from '../contracts';

export interface SchedulerOptions {
  /**
   * After a restart, the most recent tick missed while no scheduler ran is fired once if
   * it is at most this old; older ones, and every earlier missed tick, are skipped.
   * @default 3600000 (1 h)
   */
  graceMs?: number;
  /** Schedules are re-read this often even without `refresh()`. @default 60000 */
  refreshMs?: number;
}

interface Entry {
  workflowId: string;
  versionId: string;
  cron: Cron;
  /** The next tick to fire, ms; undefined when the pattern has no future tick. */
  next: number | undefined;
}

const nextAfter = (cron: Cron, at: number) => cron.nextRun(new Date(at))?.getTime();

/** The latest tick in (after, upTo], or undefined. */
function latestTickIn(cron: Cron, after: number, upTo: number): number | undefined {
  let found: number | undefined;
  // Bounded: an every-second pattern over a 1 h grace window is 3,600 steps.
  for (
    let t = nextAfter(cron, after), n = 0;
    t !== undefined && t <= upTo && n < 100_000;
    t = nextAfter(cron, t), n++
  ) {
    found = t;
  }
  return found;
}

/**
 * Fires schedule triggers. Any number of processes may run one: every tick starts its run
 * with the dedupe key `schedule:<workflowId>:<tick ISO>`, so the database's unique key —
 * not timing — makes one run per tick. Each process fires a tick at most once, never a
 * burst of missed ticks: when it was late, it moves on to the next tick after now.
 */
export function createScheduler(ctx: AppContext, deps: { runs: RunStarter }, options: SchedulerOptions = {}) {
  const graceMs = options.graceMs ?? 3_600_000;
  const refreshMs = options.refreshMs ?? 60_000;
  const entries = new Map<string, Entry>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let lastRefresh = 0;

  function compile(row: ScheduleRow): Cron | undefined {
    try {
      return new Cron(row.cron, { timezone: row.timezone });
    } catch (err) {
      ctx.log.warn({ workflowId: row.workflowId, cron: row.cron, err }, 'schedule not understood; skipped');
      return undefined;
    }
  }

  async function fire(workflowId: string, tick: number): Promise<void> {
    const at = new Date(tick);
    const log = ctx.log.child({ workflowId, tick: at.toISOString() });
    let runId: string | null = null;
    try {
      const started = await deps.runs.startLive({
        workflowId,
        event: { trigger: 'schedule', scheduledFor: at.toISOString() },
        trigger: 'schedule',
        dedupeKey: `schedule:${workflowId}:${at.toISOString()}`,
        eventTimestamp: at,
      });
      runId = started.runId;
      if (!started.deduplicated) log.info({ runId }, 'schedule fired');
    } catch (err) {
      log.warn({ err }, 'scheduled run not started');
    }
    await recordTick(ctx.prisma, workflowId, at, runId).catch((err: unknown) => log.warn({ err }, 'tick not recorded'));
  }

  /** Re-reads the published schedules; `catchUp` fires one missed tick of the ones new to this process. */
  async function load(catchUp: boolean): Promise<void> {
    const rows = await findPublishedSchedules(ctx.prisma);
    const now = ctx.clock.now();
    lastRefresh = now;
    const fresh: Entry[] = [];
    for (const row of rows) {
      const old = entries.get(row.workflowId);
      if (old?.versionId === row.versionId) continue;
      const cron = compile(row);
      if (!cron) continue;
      const entry = { workflowId: row.workflowId, versionId: row.versionId, cron, next: nextAfter(cron, now) };
      entries.set(row.workflowId, entry);
      if (!old) fresh.push(entry);
    }
    const live = new Set(rows.map((r) => r.workflowId));
    for (const id of entries.keys()) if (!live.has(id)) entries.delete(id);
    if (!catchUp || fresh.length === 0) return;
    // Only schedules that fired before (a tick row exists) can have missed one.
    const last = await latestTicks(
      ctx.prisma,
      fresh.map((e) => e.workflowId),
    );
    const missed = fresh.flatMap((e) => {
      const prev = last.get(e.workflowId);
      const tick = prev === undefined ? undefined : latestTickIn(e.cron, Math.max(prev, now - graceMs - 1), now);
      return tick === undefined ? [] : [fire(e.workflowId, tick)];
    });
    await Promise.all(missed);
  }

  /**
   * Fires the ticks due at `now`: per schedule only the latest one (a pass that comes late
   * skips the ticks it slept through), then moves each schedule past `now`.
   */
  async function fireDue(now: number): Promise<void> {
    const due: Promise<void>[] = [];
    for (const e of entries.values()) {
      if (e.next === undefined || e.next > now) continue;
      const tick = latestTickIn(e.cron, e.next - 1, now) ?? e.next;
      e.next = nextAfter(e.cron, now);
      due.push(fire(e.workflowId, tick));
    }
    await Promise.all(due);
  }

  function arm(): void {
    clearTimeout(timer);
    if (!running) return;
    const now = ctx.clock.now();
    let wake = lastRefresh + refreshMs;
    for (const e of entries.values()) if (e.next !== undefined && e.next < wake) wake = e.next;
    timer = setTimeout(() => void loop(), Math.max(0, wake - now)).unref();
  }

  async function loop(): Promise<void> {
    try {
      if (ctx.clock.now() - lastRefresh >= refreshMs) await load(false);
      await fireDue(ctx.clock.now());
    } catch (err) {
      ctx.log.error({ err }, 'scheduler pass failed');
    }
    arm();
  }

  return {
    /** Loads the schedules, fires the most recent missed tick of each (within the grace window), then runs. */
    async start(): Promise<void> {
      if (running) return;
      running = true;
      await load(true);
      arm();
    },
    /** Re-reads schedules now: call after a version is published or a workflow unpublished. */
    async refresh(): Promise<void> {
      await load(false);
      arm();
    },
    fireDue,
    stop(): void {
      running = false;
      clearTimeout(timer);
    },
    /** The next tick of each schedule, for tests and the UI. */
    upcoming: () => new Map([...entries.values()].map((e) => [e.workflowId, e.next])),
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
