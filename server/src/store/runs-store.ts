/**
 * The engine's RunStore on PostgreSQL (the Prisma schema's `runs`, `step_runs` and
 * `run_results` tables), with the semantics of the engine's MemoryRunStore: a commit is
 * atomic and refused (RunConflictError) unless `state.version` follows the stored one;
 * `load` is one round trip; `due` lists waiting runs whose `wakeAt` has come.
 *
 * A commit also sets the run's work-queue lease: a run committed as queued/running is
 * leased to this process (another process re-claims it only once the lease expires, i.e.
 * when this one died); a waiting or ended run is released.
 */
import {
  RunConflictError,
  summaryOf,
  TERMINAL,
  type RunCommit,
  type RunStatus,
  type RunStore,
  type RunSummary,
  type StoredRun,
} from '../engine';
import {
  commitParams,
  INSERT_COMMIT,
  newRunParams,
  UPDATE_COMMIT,
  type CommitRow,
  type NewRunRow,
} from './runs-commit';
import type { RunDocuments } from './runs-documents';
import { dbRunId } from './runs-ids';
import type { IngestOutcome, IngestRow } from './runs-ingest';
import { LOAD_RUN, toStoredRun, type LoadRow } from './runs-load';
import { ts, type Sql } from './runs-sql';

export interface RunStoreOptions {
  /** This process's id in the work queue (lease owner). */
  workerId: string;
  /** How long a lease lasts without renewal. @default 30000 */
  leaseMs?: number;
  documents: RunDocuments;
  /** After every commit that changed a run's status (the write is durable by then). */
  onStatus?: (change: StatusChange) => void;
  /** Mode of runs the engine creates without a parent row (top-level `engine.start`). @default 'live' */
  defaultMode?: 'live' | 'simulation';
  /** Records a held run with its first commit (the executor's ingest batcher); needed for `primeHeld`. */
  insertFirst?: (row: IngestRow) => Promise<IngestOutcome>;
}

/** A run driven before it was stored (`primeHeld`): what its first commit inserts, and who waits for it. */
export interface HeldRun {
  row: IngestRow;
  /** The budget of destructive actions it is driven with; the INSERT refuses it if the workflow's changed. */
  maxDestructive: number | null;
  /** Told the INSERT's outcome (inserted or refused) once it committed. */
  settle(outcome: IngestOutcome): void;
  /** Told when the INSERT failed (the database): nothing was recorded. */
  fail(error: unknown): void;
}

/** A held run's INSERT was refused (replayed signature, dedupe key taken, workflow changed): it never existed. */
export class RunNotRecordedError extends Error {
  constructor(runId: string) {
    super(`run ${runId} was not recorded (its INSERT was refused)`);
    this.name = 'RunNotRecordedError';
  }
}

export interface StatusChange extends RunSummary {
  dbId: string;
  workflowId: string | undefined;
}

interface Live {
  workflowId: string;
  status?: RunStatus;
}

export class PrismaRunStore implements RunStore {
  readonly workerId: string;
  readonly leaseMs: number;
  /** Runs this process has loaded or created and not seen end or wait: their workflow and last status. */
  private readonly live = new Map<string, Live>();
  private readonly primed = new Map<string, StoredRun>();
  private readonly held = new Map<string, HeldRun>();
  private closed = false;

  constructor(
    private readonly sql: Sql,
    private readonly options: RunStoreOptions,
  ) {
    this.workerId = options.workerId;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  async commit(runId: string, c: RunCommit): Promise<void> {
    if (this.closed) throw new Error('run store closed (executor stopping)');
    const dbId = dbRunId(runId);
    const status = c.state.status;
    const live = this.live.get(runId);
    const changed = live?.status !== status;
    const held = this.held.get(runId);
    if (held) return this.commitHeld(runId, c, held, changed ? summaryOf(runId, c.state) : undefined);
    const owner = status === 'queued' || status === 'running' ? this.workerId : null;
    const params = commitParams(dbId, c, { owner, ms: this.leaseMs });
    let text = UPDATE_COMMIT;
    let name = 'runs_commit';
    let workflowId = live?.workflowId;
    if (c.run) {
      const row = this.newRow(c);
      workflowId = row.workflowId;
      params.push(...newRunParams(c.run, row));
      text = INSERT_COMMIT;
      name = 'runs_commit_new';
    }
    const summary = changed ? summaryOf(runId, c.state) : undefined;
    const [r] = await this.sql.query<CommitRow>(text, params, name);
    if (!r || r.ok !== 1) {
      this.live.delete(runId);
      throw new RunConflictError(runId, r?.stored ?? 0, c.state.version);
    }
    this.committed(runId, status, workflowId, summary);
  }

  private committed(runId: string, status: RunStatus, workflowId: string | undefined, summary?: RunSummary): void {
    if (TERMINAL.has(status) || status === 'waiting') this.live.delete(runId);
    else if (workflowId !== undefined) this.live.set(runId, { workflowId, status });
    if (summary) this.options.onStatus?.({ ...summary, dbId: dbRunId(runId), workflowId });
  }

  /** A held run's first commit: its INSERT, through the ingest batcher (serialised before the first await). */
  private async commitHeld(runId: string, c: RunCommit, held: HeldRun, summary?: RunSummary): Promise<void> {
    this.held.delete(runId);
    const insert = this.options.insertFirst;
    if (!insert) throw new Error('run store: a held run needs insertFirst');
    const workflowId = held.row.workflowId;
    let outcome: IngestOutcome;
    try {
      const status = c.state.status;
      const leaseOwner = status === 'queued' || status === 'running' ? this.workerId : null;
      const first = { commit: c, maxDestructive: held.maxDestructive };
      outcome = await insert({ ...held.row, leaseOwner, first });
    } catch (e) {
      this.live.delete(runId);
      held.fail(e);
      throw e;
    }
    if (!outcome.inserted) {
      this.live.delete(runId);
      held.settle(outcome);
      throw new RunNotRecordedError(runId);
    }
    // Waiters learn the status (onStatus) before the starter hears the run is recorded.
    this.committed(runId, c.state.status, workflowId, summary);
    held.settle(outcome);
  }

  /**
   * Whether the run is not stored yet (`primeHeld`): the engine may hold commits of pure
   * progress until a durable point (an effect that writes, a wait, the end).
   */
  holds(runId: string): boolean {
    return this.held.has(runId);
  }

  private newRow(c: RunCommit): NewRunRow {
    const run = c.run;
    const origin = run && this.options.documents.originOf(run.document);
    if (!run || !origin) throw new Error(`run ${run?.id}: its document is not a known workflow version`);
    return {
      ...origin,
      mode: this.options.defaultMode ?? 'live',
      parentDbId: run.parentRunId === undefined ? null : dbRunId(run.parentRunId),
      triggerType: run.parentRunId === undefined ? 'manual' : 'subworkflow',
    };
  }

  async load(runId: string): Promise<StoredRun | undefined> {
    const primed = this.primed.get(runId);
    if (primed) {
      this.primed.delete(runId);
      return primed;
    }
    const docs = this.options.documents;
    const [row] = await this.sql.query<LoadRow>(LOAD_RUN, [dbRunId(runId), docs.cachedVersionIds()], 'runs_load');
    if (!row) return undefined;
    const origin = { workflowId: row.workflow_id, versionId: row.version_id };
    const document = docs.get(row.version_id) ?? docs.add(origin, row.document);
    const stored = toStoredRun(runId, row, document);
    if (!TERMINAL.has(stored.state.status)) this.live.set(runId, { workflowId: row.workflow_id });
    return stored;
  }

  async due(now: number, limit: number): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT coalesce(state->'record'->>'id', id::text) AS id FROM runs
        WHERE status = 'waiting' AND wake_at <= ${ts('$1')} ORDER BY wake_at LIMIT $2::int`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Hands the next `load` of a run the state the caller just inserted, saving the round
   * trip for a run started in this process. Only valid for a row nobody else can touch
   * yet (inserted with this process's lease).
   */
  prime(stored: StoredRun, workflowId: string): void {
    this.primed.set(stored.run.id, stored);
    this.live.set(stored.run.id, { workflowId, status: stored.state.status });
  }

  /**
   * Like `prime`, for a run NOT stored yet: its first commit inserts it (`held.row` with
   * the commit), and `held` is told the outcome. Until then nothing of it is in the database.
   */
  primeHeld(stored: StoredRun, workflowId: string, held: HeldRun): void {
    this.prime(stored, workflowId);
    this.held.set(stored.run.id, held);
  }

  /** A held run whose driving stopped before its first commit: nothing was recorded; its starter is told. */
  dropHeld(runId: string, error: unknown): void {
    const held = this.held.get(runId);
    if (!held) return;
    this.held.delete(runId);
    this.primed.delete(runId);
    this.live.delete(runId);
    held.fail(error);
  }

  /** The workflow of a run this process is driving (for per-workflow effects and events). */
  workflowOf(runId: string): string | undefined {
    return this.live.get(runId)?.workflowId;
  }

  /** Runs this process is driving (loaded or committed as queued/running): the leases to renew. */
  liveRunIds(): string[] {
    return [...this.live.keys()].filter((id) => !this.held.has(id));
  }

  /** Refuses every later commit: sessions still running stop, their runs stay where they were committed. */
  close(): void {
    this.closed = true;
  }
}
