/**
 * Waiting for a run to end: resolved by the run's own commit in this process (no read),
 * by a NOTIFY from another process, or by polling the row (at once when the run is
 * driven elsewhere); at the timeout, the run's current summary.
 */
import { TERMINAL, type RunSummary } from '../engine';
import { NotFoundError } from '../errors';
import type { RunEvent, RunEvents } from './events';

const POLL_MS = 250;

/** What a waiter watches in this process. */
export interface WaitSources {
  events: RunEvents;
  /** The summary of a run that ended here or was reported ended lately. */
  recent(runId: string): RunSummary | undefined;
  /** Whether the run is being driven in this process right now. */
  driving(runId: string): boolean;
  /** The run's summary from its row. */
  read(runId: string): Promise<RunSummary | undefined>;
}

export function waitForRun(w: WaitSources, runId: string, timeoutMs: number): Promise<RunSummary> {
  const ended = w.recent(runId);
  if (ended) return Promise.resolve(ended);
  const read = () => w.read(runId);
  return new Promise((resolve, reject) => {
    let done = false;
    let poll: NodeJS.Timeout | undefined;
    const finish = (s: RunSummary | undefined) => {
      if (done) return;
      done = true;
      w.events.off('run', onRun);
      clearTimeout(timer);
      clearTimeout(poll);
      if (s) resolve(s);
      else reject(new NotFoundError(`run ${runId}`));
    };
    const check = () =>
      read().then((s) => {
        if (!s || TERMINAL.has(s.status)) finish(s);
        else if (!done) poll = setTimeout(check, POLL_MS);
      }, reject);
    const onRun = (e: RunEvent) => {
      if (e.runId !== runId || !TERMINAL.has(e.status)) return;
      const local = e.local ? w.recent(runId) : undefined;
      if (local) finish(local);
      else void check();
    };
    w.events.on('run', onRun);
    const timer = setTimeout(() => void read().then(finish, reject), timeoutMs);
    // A run driven here reports its end through its commit; the poll is the safety net.
    if (w.driving(runId)) poll = setTimeout(check, POLL_MS);
    else void check();
  });
}
