/**
 * The loop of an in-process queue worker (the version test runner, the replay runner): one
 * item at a time in this process, claimed from a database queue several processes share.
 * A pass claims and runs items until none is left; `wake` starts a pass unless one is
 * already waiting to start (a pass running now is followed by one more); a timer wakes it
 * every `pollMs` for work queued by other processes. Items a stopped process left running
 * are queued again at start. Every pass, and any other work that must not interleave with
 * one (`serial`), goes through one promise chain.
 */
import type { Logger } from 'pino';

export interface QueueWorkerSpec<Claimed> {
  /** In words, for the log: "test runs", "replay items". */
  what: string;
  log: Pick<Logger, 'info' | 'error'>;
  pollMs?: number;
  /** Queues again what a stopped process left running; how many. */
  requeue(): Promise<number>;
  claim(): Promise<Claimed | null>;
  run(claimed: Claimed): Promise<void>;
  /** Before each pass (e.g. ending expired work). */
  beforePass?(): Promise<void>;
}

export function createQueueWorker<Claimed>(spec: QueueWorkerSpec<Claimed>) {
  let chain: Promise<unknown> = Promise.resolve();
  let started = false;
  let wakePending = false;
  let timer: NodeJS.Timeout | undefined;

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = chain.then(work);
    chain = next.catch(() => {});
    return next;
  }

  /** Claims and runs queued items until none is left (or the worker stops, when it runs on its own). */
  async function pass(onItsOwn: boolean): Promise<number> {
    await spec.beforePass?.();
    let ran = 0;
    while (!onItsOwn || started) {
      const claimed = await spec.claim();
      if (!claimed) break;
      await spec.run(claimed);
      ran++;
    }
    return ran;
  }

  function wake(): void {
    if (!started || wakePending) return;
    wakePending = true;
    serial(async () => {
      wakePending = false;
      await pass(true);
    }).catch((err: unknown) => spec.log.error({ err }, `a pass over the ${spec.what} failed`));
  }

  return {
    serial,
    wake,
    /** Queues again what a stopped process left running, then polls. */
    async start(): Promise<void> {
      if (started) return;
      const requeued = await spec.requeue();
      if (requeued > 0) spec.log.info({ requeued }, `${spec.what} left running were queued again`);
      started = true;
      timer = setInterval(wake, spec.pollMs ?? 1000);
      timer.unref();
      wake();
    },
    /** Stops polling; resolves when the item in progress has been stored. */
    async stop(): Promise<void> {
      started = false;
      if (timer) clearInterval(timer);
      timer = undefined;
      await chain;
    },
    /** Runs every queued item now, one after the other (also when not started); resolves with how many ran. */
    drain: (): Promise<number> => serial(() => pass(false)),
  };
}
