import type { RunStore } from './ports';
import type { AttemptRecord, RunCommit, RunRecord, RunState, RunStatus, StepResult, StoredRun } from './state';

interface Row {
  run: string;
  state: string;
  status: RunStatus;
  version: number;
  wakeAt?: number;
  parentRunId?: string;
  results: Map<string, string>;
  attempts: Map<string, string>;
}

/** Thrown when a commit does not follow the stored version: someone else moved the run on. */
export class RunConflictError extends Error {
  constructor(runId: string, stored: number, got: number) {
    super(`run ${runId}: commit version ${got} does not follow stored version ${stored}`);
    this.name = 'RunConflictError';
  }
}

/**
 * A RunStore in memory, for tests, simulation and the benchmark. It keeps JSON text,
 * as a database would: nothing the engine mutates after a commit leaks into the store,
 * and a "crash" (dropping the engine) loses exactly what was not committed.
 */
export class MemoryRunStore implements RunStore {
  private readonly rows = new Map<string, Row>();
  /** Number of commits made; tests assert batching with it. */
  commits = 0;

  async commit(runId: string, c: RunCommit): Promise<void> {
    let row = this.rows.get(runId);
    const stored = row?.version ?? 0;
    if (c.state.version !== stored + 1) throw new RunConflictError(runId, stored, c.state.version);
    if (!row) {
      if (!c.run) throw new Error(`run ${runId}: the first commit must carry the run record`);
      row = {
        run: JSON.stringify(c.run),
        state: '',
        status: c.state.status,
        version: 0,
        results: new Map(),
        attempts: new Map(),
      };
      if (c.run.parentRunId !== undefined) row.parentRunId = c.run.parentRunId;
      this.rows.set(runId, row);
    }
    row.state = JSON.stringify(c.state);
    row.status = c.state.status;
    row.version = c.state.version;
    row.wakeAt = c.state.wakeAt;
    for (const r of c.results) row.results.set(r.key, JSON.stringify(r));
    for (const a of c.attempts) row.attempts.set(`${a.stepKey}:${a.attempt}`, JSON.stringify(a));
    this.commits++;
  }

  async load(runId: string): Promise<StoredRun | undefined> {
    const row = this.rows.get(runId);
    if (!row) return undefined;
    const run: RunRecord = JSON.parse(row.run);
    const state: RunState = JSON.parse(row.state);
    const results: StepResult[] = [...row.results.values()].map((t) => JSON.parse(t));
    const attempts: AttemptRecord[] = [...row.attempts.values()].map((t) => JSON.parse(t));
    return { run, state, results, attempts };
  }

  async due(now: number, limit: number): Promise<string[]> {
    return [...this.rows.entries()]
      .filter(([, r]) => r.status === 'waiting' && r.wakeAt !== undefined && r.wakeAt <= now)
      .sort(([, a], [, b]) => (a.wakeAt ?? 0) - (b.wakeAt ?? 0))
      .slice(0, limit)
      .map(([id]) => id);
  }

  /** Every run id, in creation order. */
  runIds(): string[] {
    return [...this.rows.keys()];
  }

  /** Runs not finished yet, with their status and wake time (for drivers and tests). */
  open(): { runId: string; status: RunStatus; wakeAt?: number }[] {
    return [...this.rows.entries()]
      .filter(([, r]) => r.status !== 'succeeded' && r.status !== 'failed' && r.status !== 'cancelled')
      .map(([runId, r]) =>
        r.wakeAt === undefined ? { runId, status: r.status } : { runId, status: r.status, wakeAt: r.wakeAt },
      );
  }
}
