/**
 * Starting a live run, the hot path: ONE durable INSERT records the run as `queued` (leased
 * to this process when it has capacity); the run is then driven here at once from what was
 * inserted (the store is primed, so nothing is loaded back), or announced to whichever
 * executor claims it. If this process dies, the lease expires and another one claims it.
 */
import type { WorkflowDocument } from '@autonomic/workflow';
import { newId } from '../db/ids';
import type { RunMemo } from '../engine';
import { insertLiveRun, type InsertOutcome } from '../store/runs-create';
import { insertRerun } from '../store/runs-rerun';
import { initialState } from '../store/runs-load';
import type { Sql } from '../store/runs-sql';
import type { PrismaRunStore } from '../store/runs-store';

/** A live run to record: the event was validated against `versionId`'s trigger schema. */
export interface NewRun {
  workflowId: string;
  /** The published version; the INSERT re-checks it (and the kill switch) atomically. */
  versionId: string;
  /** That version's parsed document (from `findStartable`). */
  document: WorkflowDocument;
  trigger: string;
  event: unknown;
  /** The alert's own time (ms), for time-to-contain. */
  eventTimestamp: number | null;
  createdById: string | null;
  /** A repeated key starts nothing and names the run that has it. */
  dedupeKey: string | null;
  /**
   * A re-run of a failed run: of the version it ran (published or not; the kill switch
   * still refuses), with the steps it reuses. `existingRunId` is then always null.
   */
  rerun?: { ofRunId: string; fromStep: string | null; memo: RunMemo | null };
}

/**
 * `started: false` with an `existingRunId`: the dedupe key was taken; without one: the
 * workflow changed since it was read (unpublished, new version, kill switch) or a
 * duplicate is still committing, so the caller should look again.
 */
export type StartOutcome = { started: true; runId: string } | { started: false; existingRunId: string | null };

export interface StartDeps {
  sql: Sql;
  store: PrismaRunStore;
  workerId: string;
  leaseMs: number;
  now(): number;
  /** Whether this process drives the run itself (claiming, below its concurrency). */
  hasCapacity(): boolean;
  drive(runId: string): void;
  announceWork(): void;
  /** The event as kept for replay (redacted), or undefined to keep none (see `ExecutorOptions.replayEvent`). */
  replayEvent?: ((event: unknown) => unknown) | undefined;
}

export async function startRun(d: StartDeps, r: NewRun): Promise<StartOutcome> {
  const createdAt = d.now();
  const id = newId(createdAt);
  // Beyond its concurrency this process leaves new runs to the claim loop (here or elsewhere).
  const local = d.hasCapacity();
  const row = {
    id,
    workflowId: r.workflowId,
    versionId: r.versionId,
    triggerType: r.trigger,
    event: r.event,
    createdAt,
    eventTimestamp: r.eventTimestamp,
    createdById: r.createdById,
    leaseOwner: local ? d.workerId : null,
    leaseMs: d.leaseMs,
  };
  const out: InsertOutcome = r.rerun
    ? await insertRerun(d.sql, {
        ...row,
        rerunOfId: r.rerun.ofRunId,
        fromStep: r.rerun.fromStep,
        memo: r.rerun.memo,
      }).then((o) => (o.inserted ? o : { inserted: false, existingRunId: null }))
    : await insertLiveRun(d.sql, { ...row, dedupeKey: r.dedupeKey, replayEvent: d.replayEvent?.(r.event) ?? null });
  if (!out.inserted) return { started: false, existingRunId: out.existingRunId };
  if (local) {
    const memo = r.rerun?.memo ? { memo: r.rerun.memo } : {};
    const run = { id, document: r.document, event: r.event, createdAt, depth: 0, ...memo };
    const maxDestructive = out.maxDestructive === null ? {} : { maxDestructive: out.maxDestructive };
    const stored = { run: { ...run, ...maxDestructive }, state: initialState(createdAt), results: [], attempts: [] };
    d.store.prime(stored, r.workflowId);
    d.drive(id);
  } else d.announceWork();
  return { started: true, runId: id };
}
