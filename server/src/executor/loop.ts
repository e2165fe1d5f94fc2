/**
 * The claim loop of one executor: claims runnable runs up to its concurrency, then
 * sleeps until the earliest of: the next due timer or lease expiry in the database, a
 * wake time a local run reported, a NOTIFY of new work, a freed slot, or the poll
 * interval (the safety net when notifications are off or lost).
 */
import type { Clock } from '../engine';
import type { Logger } from '../log';
import type { WorkQueue } from './queue';

export interface ClaimLoopOptions {
  queue: WorkQueue;
  workerId: string;
  clock: Clock;
  log: Logger;
  pollMs: number;
  concurrency: number;
  /** Runs in flight in this process now. */
  inflight: () => number;
  /** Drives a claimed run (returns at once; the loop is told through `freed()` when it is done). */
  drive: (runId: string) => void;
}

/** Claims per statement: keeps one claim short even with a big concurrency. */
const CLAIM_BATCH = 50;

export class ClaimLoop {
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private ticking = false;
  private again = false;
  private saturated = false;
  private stopped = true;

  constructor(private readonly o: ClaimLoopOptions) {}

  start(): void {
    this.stopped = false;
    this.soon();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Claim now (new work was announced). */
  soon(): void {
    this.at(0);
  }

  /** A run in flight ended: claim again if the last claim stopped at the concurrency limit. */
  freed(): void {
    if (this.saturated) this.soon();
  }

  /** Look for work at `time` (epoch ms) at the latest. */
  at(time: number): void {
    if (this.stopped || time >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = time;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        void this.tick();
      },
      Math.max(0, time - this.o.clock.now()),
    );
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    const { queue, workerId, clock } = this.o;
    try {
      this.saturated = false;
      for (;;) {
        const free = Math.min(this.o.concurrency - this.o.inflight(), CLAIM_BATCH);
        if (free <= 0) {
          this.saturated = true;
          break;
        }
        const ids = await queue.claim(workerId, free);
        if (this.stopped) {
          await queue.release(workerId, ids);
          return;
        }
        for (const id of ids) this.o.drive(id);
        if (ids.length < free) break;
      }
      const next = await queue.nextDueAt();
      const now = clock.now();
      // A due time already past belongs to a run someone holds: the poll catches it if they die.
      this.at(Math.min(next !== undefined && next > now ? next : Infinity, now + this.o.pollMs));
    } catch (err) {
      this.o.log.warn({ err }, 'executor: claiming work failed; retrying');
      this.at(clock.now() + this.o.pollMs);
    } finally {
      this.ticking = false;
      if (this.again) {
        this.again = false;
        void this.tick();
      }
    }
  }
}
