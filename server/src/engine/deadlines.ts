import type { Clock } from './ports';

interface Entry {
  at: number;
  fire: () => void;
  done: boolean;
}

/**
 * Effect timeouts, many at once, on one clock sleep: a min-heap of deadlines and a
 * single sleeper for the earliest live one. Ten thousand in-flight effects cost ten
 * thousand heap entries, not ten thousand timers. When nothing is pending, nothing
 * sleeps (a virtual clock is not pushed forward by a timeout nobody waits for).
 */
export class Deadlines {
  private readonly heap: Entry[] = [];
  private live = 0;
  private sleeping: { at: number; stop: AbortController } | undefined;

  constructor(private readonly clock: Clock) {}

  /** Calls `fire` in `ms` unless the returned function is called first. */
  add(ms: number, fire: () => void): () => void {
    const entry: Entry = { at: this.clock.now() + ms, fire, done: false };
    this.push(entry);
    this.live++;
    this.arm();
    return () => {
      if (entry.done) return;
      entry.done = true;
      if (--this.live === 0) this.stop();
    };
  }

  private arm(): void {
    while (this.heap[0]?.done) this.pop();
    const head = this.heap[0];
    if (!head) return this.stop();
    if (this.sleeping && this.sleeping.at <= head.at) return;
    this.stop();
    const stop = new AbortController();
    const sleeping = { at: head.at, stop };
    this.sleeping = sleeping;
    void this.clock.sleep(head.at - this.clock.now(), stop.signal).then(() => {
      if (this.sleeping !== sleeping) return;
      this.sleeping = undefined;
      this.expire();
    });
  }

  private expire(): void {
    const now = this.clock.now();
    for (let head = this.heap[0]; head && (head.done || head.at <= now); head = this.heap[0]) {
      this.pop();
      if (head.done) continue;
      head.done = true;
      this.live--;
      head.fire();
    }
    this.arm();
  }

  private stop(): void {
    const s = this.sleeping;
    this.sleeping = undefined;
    s?.stop.abort(STOPPED);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    for (let i = h.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (!p || p.at <= e.at) break;
      h[i] = p;
      h[parent] = e;
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if ((h[l]?.at ?? Infinity) < (h[m]?.at ?? Infinity)) m = l;
      if ((h[r]?.at ?? Infinity) < (h[m]?.at ?? Infinity)) m = r;
      if (m === i) return;
      const t = h[m];
      if (!t) return;
      h[m] = last;
      h[i] = t;
      i = m;
    }
  }
}

/** Abort reason for a sleep nobody needs any more (a reason avoids building a DOMException). */
const STOPPED = 'stopped';
