import type { RunStore } from './ports';
import type { AttemptRecord, RunCommit, RunRecord, RunState, StepResult } from './state';

/**
 * Group commit for one run: changes accumulate and go to the store in one `commit` call.
 * At most one commit is in flight; whatever changes meanwhile rides on the next one, so
 * a slow store sees fewer, bigger commits and the engine never waits on it for pure steps.
 * For a run the store does not hold yet (`RunStore.holds`), `soon` does nothing until the
 * batch is full: its first write is the durable point that records it.
 */
export class Committer {
  private results: StepResult[] = [];
  private attempts = new Set<AttemptRecord>();
  private run: RunRecord | undefined;
  private dirty = false;
  private pending = 0;
  private scheduled = false;
  private queued: Promise<void> | null = null;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RunStore,
    private readonly runId: string,
    private readonly snapshot: () => RunState,
    private readonly batch: number,
    private readonly defer: (fn: () => void) => void,
    private readonly onError: (e: unknown) => void,
    /** While true, `soon` waits for a durable point (`flush`) unless the batch is full (RunStore.holds). */
    private readonly hold: () => boolean = () => false,
  ) {}

  create(run: RunRecord): void {
    this.run = run;
    this.dirty = true;
  }

  markDirty(): void {
    this.dirty = true;
  }

  addResult(r: StepResult): void {
    this.results.push(r);
    this.pending++;
    this.dirty = true;
  }

  touch(a: AttemptRecord): void {
    this.attempts.add(a);
    this.dirty = true;
  }

  /** Commits soon, batching with whatever else happens before then. */
  soon(): void {
    if (this.pending >= this.batch) {
      this.flush().catch(this.onError);
      return;
    }
    if (this.scheduled || this.hold()) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      this.flush().catch(this.onError);
    });
  }

  /** Resolves once everything marked before this call is in the store. */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.dirty) return this.inFlight;
    const p = this.inFlight.then(() => {
      this.queued = null;
      return this.write();
    });
    this.queued = p;
    this.inFlight = p.catch(() => undefined);
    return p;
  }

  private write(): Promise<void> {
    if (!this.dirty) return Promise.resolve();
    const commit: RunCommit = { state: this.snapshot(), results: this.results, attempts: [...this.attempts] };
    if (this.run) commit.run = this.run;
    this.run = undefined;
    this.results = [];
    this.attempts.clear();
    this.pending = 0;
    this.dirty = false;
    return this.store.commit(this.runId, commit);
  }
}
