import type { Clock, Random } from './ports';

/**
 * Port implementations for time and randomness: the real ones for a server, the fake
 * ones for tests and simulation. The engine only ever sees the `Clock`/`Random` ports.
 */

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export const systemRandom: Random = { next: () => Math.random() };

/** A deterministic Random (mulberry32): the same seed gives the same jitter. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export interface VirtualClock extends Clock {
  /** Moves time to `t` (never backwards), waking every sleeper due by then, in order. */
  set(t: number): void;
  advance(ms: number): void;
  /** When the earliest sleeper is due, if any. */
  nextDue(): number | undefined;
}

interface Sleeper {
  at: number;
  seq: number;
  wake: () => void;
}

/**
 * A clock that moves only when told to. With `auto`, it jumps to the next sleeper as
 * soon as the process has nothing else queued (a simulated day passes instantly).
 * @default start 0, auto false
 */
export function createVirtualClock(opts: { start?: number; auto?: boolean } = {}): VirtualClock {
  let now = opts.start ?? 0;
  let seq = 0;
  let pumping = false;
  const sleepers: Sleeper[] = [];

  const fire = (until: number) => {
    now = Math.max(now, until);
    sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    while (sleepers.length > 0 && (sleepers[0]?.at ?? Infinity) <= now) sleepers.shift()?.wake();
  };
  const pump = () => {
    if (pumping || !opts.auto) return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      const next = clock.nextDue();
      if (next === undefined) return;
      fire(next);
      pump();
    });
  };

  const clock: VirtualClock = {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (ms <= 0 || signal?.aborted) return resolve();
        const sleeper: Sleeper = {
          at: now + ms,
          seq: seq++,
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(sleeper);
        pump();
      });
    },
    set: (t) => fire(t),
    advance: (ms) => fire(now + ms),
    nextDue: () => (sleepers.length === 0 ? undefined : Math.min(...sleepers.map((s) => s.at))),
  };
  return clock;
}
