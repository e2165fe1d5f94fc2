import type { TestRunView } from '@autonomic/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getTestRun, runTests } from './api';
import { isPending } from './verdict';

/** How often results are read again while the cases are queued or running. */
export const POLL_MS = 1_500;

export interface TestRunState {
  run: TestRunView | null;
  error: Error | null;
  /** A re-run being asked for. */
  starting: boolean;
  /** Asks the server to run the cases again (the answer is the queued run, then polled). */
  rerun(): Promise<void>;
}

/**
 * The latest test run of a version, read when the version changes and again every
 * {@link POLL_MS} while it is queued or running (a save with cases queues its run in the
 * same transaction, so a version read as `not_run` has none to wait for). Nothing is read
 * while `enabled` is false.
 */
export function useTestRun(
  version: { workflowId: string; number: number; contentHash: string | null } | null,
  options: { enabled: boolean; initial?: TestRunView | null; onSettled?: (run: TestRunView) => void },
): TestRunState {
  const { enabled, initial = null } = options;
  const [run, setRun] = useState<TestRunView | null>(initial);
  const [error, setError] = useState<Error | null>(null);
  const [starting, setStarting] = useState(false);
  const [tick, setTick] = useState(0);
  const onSettled = useRef(options.onSettled);
  onSettled.current = options.onSettled;
  const key = version ? `${version.workflowId}|${version.number}` : '';
  const hash = version?.contentHash ?? null;

  useEffect(() => {
    if (!version || !enabled) return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasPending = tick > 0 || isPending(initial);
    const read = async () => {
      try {
        const r = await getTestRun(version.workflowId, version.number);
        if (!live) return;
        setRun(r);
        setError(null);
        const pending = isPending(r);
        if (wasPending && !pending) onSettled.current?.(r);
        wasPending = pending;
        if (pending) timer = setTimeout(() => void read(), POLL_MS);
      } catch (e) {
        if (live) setError(e instanceof Error ? e : new Error(String(e)));
      }
    };
    if (initial && !isPending(initial) && initial.contentHash === (hash ?? initial.contentHash) && tick === 0) {
      // The page already holds settled results of this content (the review's policy): nothing to poll.
      setRun(initial);
    } else void read();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `version` is a new object on every render; `key` and `hash` say when it is another.
  }, [key, hash, enabled, tick]);

  const rerun = useCallback(async () => {
    if (!version) return;
    setStarting(true);
    setError(null);
    try {
      setRun(await runTests(version.workflowId, version.number));
      setTick((t) => t + 1);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setStarting(false);
    }
  }, [key]);

  return { run, error, starting, rerun };
}
