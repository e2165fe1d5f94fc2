/**
 * Folds the dashboard rollups on a timer in the processes that run background work, so
 * ended runs reach the rollups without anyone reading the dashboard (a read then finds
 * few pending runs to compute raw). One fold at a time in this process: the next is
 * scheduled only when the last has finished; across processes the fold's advisory lock
 * lets one through and the others return at once. A failure is logged and retried on
 * the next tick.
 */
import type { AppContext } from '../../context';
import { foldRollups } from '../../store/dashboard-fold';

export const FOLD_INTERVAL_MS = 5_000;
/** Runs added per fold (one transaction). */
const BATCH = 20_000;

export interface RollupFolder {
  start(): void;
  /** Stops the timer and waits for a fold under way. */
  stop(): Promise<void>;
}

export function createRollupFolder(
  ctx: Pick<AppContext, 'prisma' | 'log'>,
  opts: { intervalMs?: number } = {},
): RollupFolder {
  const every = opts.intervalMs ?? FOLD_INTERVAL_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function fold(): Promise<void> {
    try {
      // A full batch: more may be pending, go on at once (still one at a time).
      while (!stopped && (await foldRollups(ctx.prisma, BATCH)) >= BATCH);
    } catch (err: unknown) {
      ctx.log.warn({ err }, 'dashboard rollups: timed fold failed; retrying on the next tick');
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = fold().finally(() => {
        running = undefined;
        schedule();
      });
    }, every);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
