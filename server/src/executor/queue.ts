/**
 * The work queue port: how executors in one or many processes (on one or many machines)
 * share runs. A claimed run is leased to its claimer; a lease not renewed expires and the
 * run becomes claimable again (its process died), and the engine's `resume` continues it
 * from its last commit.
 *
 * `createPgWorkQueue` keeps the queue in the runs table itself (lease columns, FOR UPDATE
 * SKIP LOCKED) instead of a job table of graphile-worker or pg-boss, because:
 * - a run is durably queued by the same single INSERT that records it, so the trigger's
 *   202 costs one round trip and no run can exist without its queue entry or vice versa;
 * - the engine's own commits move the lease (leased while queued/running, released when
 *   waiting or ended) in the same statement, so finishing a run costs no queue call;
 * - due timers are just `wake_at <= now()` on the same rows: no second scheduler whose
 *   jobs must be kept in step with the run state;
 * - no extra schema or worker runtime, and Node 20 (graphile-worker 0.17+ needs 22.18).
 * A later multi-process deployment keeps this port; a job library would implement it by
 * enqueueing a job per runnable run in `enqueue` and in the commit that sets `wake_at`.
 */
import type { Sql } from '../store/runs-sql';
import { dbRunId } from '../store/runs-ids';
import { claimRuns, enqueueRun, nextWorkAt, reclaimDeadOwners, releaseLeases, renewLeases } from '../store/runs-queue';

export interface WorkQueue {
  /** Makes a stored run claimable now (and wakes idle executors). */
  enqueue(runId: string): Promise<void>;
  /** Leases up to `limit` runnable runs to `workerId`; returns their (engine) run ids. */
  claim(workerId: string, limit: number): Promise<string[]>;
  /** Extends the leases `workerId` holds on these runs. */
  renew(workerId: string, runIds: readonly string[]): Promise<void>;
  /** Gives runs back unfinished (stopping, or driving them failed). */
  release(workerId: string, runIds: readonly string[]): Promise<void>;
  /** The run waits or ended: nothing left to do for this claim. */
  complete(workerId: string, runId: string): Promise<void>;
  /** When work next comes due that nobody will be told about (a timer, an expiring lease). */
  nextDueAt(): Promise<number | undefined>;
  /**
   * Frees at once the runs of executors that are gone (their liveness lock is free, see
   * liveness.ts), without waiting for their leases to expire; returns them with their run counts.
   */
  reclaim(workerId: string): Promise<{ owner: string; runs: number }[]>;
}

export interface PgWorkQueueOptions {
  leaseMs: number;
  now: () => number;
}

export function createPgWorkQueue(sql: Sql, options: PgWorkQueueOptions): WorkQueue {
  return {
    enqueue: (runId) => enqueueRun(sql, '-', dbRunId(runId)),
    claim: (workerId, limit) => claimRuns(sql, workerId, limit, options.now(), options.leaseMs),
    renew: (workerId, runIds) => renewLeases(sql, workerId, runIds.map(dbRunId), options.leaseMs),
    release: (workerId, runIds) => releaseLeases(sql, workerId, runIds.map(dbRunId)),
    // The run's own commit (waiting or ended) released the lease in the same statement.
    complete: async () => undefined,
    nextDueAt: () => nextWorkAt(sql),
    reclaim: (workerId) => reclaimDeadOwners(sql, workerId),
  };
}
