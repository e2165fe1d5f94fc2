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
    if (TERMINAL.has(status) || status === 'waiting') this.live.delete(runId);
    else if (workflowId !== undefined) this.live.set(runId, { workflowId, status });
    if (summary) this.options.onStatus?.({ ...summary, dbId, workflowId });
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

  /** The workflow of a run this process is driving (for per-workflow effects and events). */
  workflowOf(runId: string): string | undefined {
    return this.live.get(runId)?.workflowId;
  }

  /** Runs this process is driving (loaded or committed as queued/running): the leases to renew. */
  liveRunIds(): string[] {
    return [...this.live.keys()];
  }

  /** Refuses every later commit: sessions still running stop, their runs stay where they were committed. */
  close(): void {
    this.closed = true;
  }
}
