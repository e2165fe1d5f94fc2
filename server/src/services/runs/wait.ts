/**
 * Waiting for a run to end: resolved by the run's own commit in this process (no read),
 * by a NOTIFY from another process, or by polling the row (at once when the run is
 * driven elsewhere); at the timeout, the run's current summary.
 */
import { TERMINAL, type RunSummary } from '../../engine';
import type { Executor } from '../../executor';
import type { RunEvent } from '../../executor/events';
import { NotFoundError } from '../../errors';

const POLL_MS = 250;

export function waitForRun(
  executor: Executor,
  runId: string,
  timeoutMs: number,
  read: () => Promise<RunSummary | undefined>,
): Promise<RunSummary> {
  const ended = executor.recent(runId);
  if (ended) return Promise.resolve(ended);
  return new Promise((resolve, reject) => {
    let done = false;
    let poll: NodeJS.Timeout | undefined;
    const finish = (s: RunSummary | undefined) => {
      if (done) return;
      done = true;
      executor.events.off('run', onRun);
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
      const local = e.local ? executor.recent(runId) : undefined;
      if (local) finish(local);
      else void check();
    };
    executor.events.on('run', onRun);
    const timer = setTimeout(() => void read().then(finish, reject), timeoutMs);
    // A run driven here reports its end through its commit; the poll is the safety net.
    if (executor.driving(runId)) poll = setTimeout(check, POLL_MS);
    else void check();
  });
}
