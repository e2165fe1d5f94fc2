/**
 * The runs this process is driving: counted for the claim loop's concurrency, tracked
 * so that `stop()` can wait for them, and given back to the queue when driving fails.
 */
import { RunConflictError, type RunSummary } from '../engine';
import type { Logger } from '../log';
import { RunNotRecordedError } from '../store/runs-store';

export interface DrivesHooks {
  log: Logger;
  /** A waiting run's next wake time (the claim loop sleeps until then at most). */
  waitsUntil(at: number): void;
  /** Driving failed (the store refused, the process is stopping): the run goes back to the queue. */
  giveBack(runId: string, error: unknown): Promise<void>;
  /** A slot came free. */
  freed(): void;
}

export class Drives {
  private readonly active = new Map<string, number>();
  private readonly tracked = new Set<Promise<unknown>>();
  inflight = 0;

  constructor(private readonly hooks: DrivesHooks) {}

  has(runId: string): boolean {
    return this.active.has(runId);
  }

  drive(runId: string, work: () => Promise<RunSummary>): Promise<RunSummary> {
    const { log, waitsUntil, giveBack, freed } = this.hooks;
    this.inflight++;
    this.active.set(runId, (this.active.get(runId) ?? 0) + 1);
    const p = work().then(
      (summary) => {
        if (summary.status === 'waiting' && summary.wakeAt !== undefined) waitsUntil(summary.wakeAt);
        return summary;
      },
      async (err: unknown) => {
        // A conflict: another process moved the run on; not recorded: a held run's INSERT was refused.
        const level = err instanceof RunConflictError || err instanceof RunNotRecordedError ? 'debug' : 'warn';
        log[level]({ err, runId }, 'executor: driving a run stopped; it stays where it was committed');
        await giveBack(runId, err).catch(() => undefined);
        throw err;
      },
    );
    const done: Promise<unknown> = p
      .catch(() => undefined)
      .finally(() => {
        this.inflight--;
        const n = (this.active.get(runId) ?? 1) - 1;
        if (n > 0) this.active.set(runId, n);
        else this.active.delete(runId);
        this.tracked.delete(done);
        freed();
      });
    this.tracked.add(done);
    return p;
  }

  /** A refused commit means another process moved the run on: try again on the fresh state. */
  async retrying(runId: string, work: () => Promise<RunSummary>): Promise<RunSummary> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.drive(runId, work);
      } catch (e) {
        if (!(e instanceof RunConflictError) || attempt >= 3) throw e;
      }
    }
  }

  /** Resolves when every drive in flight now has settled, or after `ms`. */
  async settle(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((r) => (timer = setTimeout(r, ms)));
    await Promise.race([Promise.all([...this.tracked]), grace]);
    clearTimeout(timer);
  }
}
