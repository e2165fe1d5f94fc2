/** Small tools of the queue scenarios: callers, a steady rate, percentiles, waiting. */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** `n` callers doing `work(i)` until `total` calls were made; resolves with the wall time (ms). */
export async function callers(n: number, total: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let i = next++; i < total; i = next++) await work(i);
    }),
  );
  return performance.now() - t0;
}

/** Calls `work(i)` `total` times at `perSecond`, not waiting for one to end before the next. */
export async function steady<T>(perSecond: number, total: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const t0 = performance.now();
  const calls: Promise<T>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / perSecond - performance.now();
    if (due > 0) await sleep(due);
    calls.push(work(i));
  }
  return Promise.all(calls);
}

export const pct = (xs: readonly number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

export const load1 = (): string => (loadavg()[0] ?? 0).toFixed(2);

export const perSecond = (n: number, ms: number): number => Math.round(n / (ms / 1000));

/** Polls `check` every `everyMs` until it holds or `timeoutMs` passes; returns whether it held. */
export async function poll(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}
