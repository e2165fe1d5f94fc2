/**
 * Starting a live run, the hot path. Two ways, both through the ingest batcher (one
 * multi-row statement for every run that arrives meanwhile, signature claims included):
 * - insert first (a 202 must not wait for the run): the run is recorded as `queued`
 *   (leased to this process when it has capacity), then driven here at once from what
 *   was inserted (the store is primed, nothing is loaded back) or announced to whichever
 *   executor claims it;
 * - held (the caller waits for the end, `?wait=`): the run is driven in memory first and
 *   recorded by its first durable point (an effect that writes, a wait, or the end), whose
 *   commit IS the INSERT — one durable statement for a run of pure steps (held.ts).
 */
import type { WorkflowDocument } from '@autonomic/workflow';
import { newId } from '../db/ids';
import type { RunMemo } from '../engine';
import type { InsertOutcome } from '../store/runs-create';
import type { IngestOutcome, IngestRow } from '../store/runs-ingest';
import { insertRerun } from '../store/runs-rerun';
import { initialState } from '../store/runs-load';
import type { Sql } from '../store/runs-sql';
import type { PrismaRunStore } from '../store/runs-store';
import type { IngestBatcher } from './ingest';

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
  /** A webhook delivery's signature, claimed in the run's own INSERT (a replay throws SignatureReplayedError). */
  claim?: { nonce: string; expiresAt: Date };
  /** The caller waits for the run's end: drive it before recording it (see above). */
  awaitEnd?: boolean;
}

/**
 * `started: false` with an `existingRunId`: the dedupe key was taken; without one: the
 * workflow changed since it was read (unpublished, new version, kill switch) or a
 * duplicate is still committing, so the caller should look again. `claimSpent`: the
 * delivery's signature was claimed all the same (do not claim it again on a retry).
 */
export type StartOutcome =
  { started: true; runId: string } | { started: false; existingRunId: string | null; claimSpent: boolean };

/** The delivery's signature was used before: nothing was recorded. */
export class SignatureReplayedError extends Error {
  constructor() {
    super('replayed webhook signature');
    this.name = 'SignatureReplayedError';
  }
}

export interface StartDeps {
  sql: Sql;
  ingest: IngestBatcher;
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
  /** Workflows' run budgets of destructive actions, as the last INSERT of each saw them. */
  maxDestructive: Map<string, number | null>;
}

function outcomeOf(o: IngestOutcome | InsertOutcome): { inserted: true; maxDestructive: number | null } | StartOutcome {
  if (o.inserted) return o;
  if ('replayed' in o && o.replayed) throw new SignatureReplayedError();
  return { started: false, existingRunId: o.existingRunId, claimSpent: 'nonceSpent' in o && o.nonceSpent };
}

export async function startRun(d: StartDeps, r: NewRun): Promise<StartOutcome> {
  const createdAt = d.now();
  const id = newId(createdAt);
  // Beyond its concurrency this process leaves new runs to the claim loop (here or elsewhere).
  const local = d.hasCapacity();
  const row: IngestRow = {
    id,
    workflowId: r.workflowId,
    versionId: r.versionId,
    triggerType: r.trigger,
    event: r.event,
    createdAt,
    eventTimestamp: r.eventTimestamp,
    createdById: r.createdById,
    dedupeKey: r.dedupeKey,
    leaseOwner: local ? d.workerId : null,
    leaseMs: d.leaseMs,
    replayEvent: d.replayEvent?.(r.event) ?? null,
    nonce: r.claim ? { value: r.claim.nonce, expiresAt: r.claim.expiresAt.getTime() } : null,
  };
  const run = { id, document: r.document, event: r.event, createdAt, depth: 0 };
  const budget = d.maxDestructive.get(r.workflowId);
  if (r.awaitEnd && local && !r.rerun && budget !== undefined) {
    const held = new Promise<IngestOutcome>((resolve, reject) => {
      const stored = { run: budget === null ? run : { ...run, maxDestructive: budget }, ...fresh(createdAt) };
      d.store.primeHeld(stored, r.workflowId, { row, maxDestructive: budget, settle: resolve, fail: reject });
    });
    d.drive(id);
    const o = outcomeOf(await held);
    if ('started' in o) {
      d.maxDestructive.delete(r.workflowId); // refused: perhaps its budget changed; the retry inserts first
      return o;
    }
    return { started: true, runId: id };
  }
  const out = outcomeOf(
    r.rerun
      ? await insertRerun(d.sql, {
          ...row,
          rerunOfId: r.rerun.ofRunId,
          fromStep: r.rerun.fromStep,
          memo: r.rerun.memo,
        }).then((o) => (o.inserted ? o : { inserted: false as const, existingRunId: null }))
      : await d.ingest.insert(row),
  );
  if ('started' in out) return out;
  if (!r.rerun) {
    if (d.maxDestructive.size >= 10_000) d.maxDestructive.clear();
    d.maxDestructive.set(r.workflowId, out.maxDestructive);
  }
  if (local) {
    const memo = r.rerun?.memo ? { memo: r.rerun.memo } : {};
    const maxDestructive = out.maxDestructive === null ? {} : { maxDestructive: out.maxDestructive };
    d.store.prime({ run: { ...run, ...memo, ...maxDestructive }, ...fresh(createdAt) }, r.workflowId);
    d.drive(id);
  } else d.announceWork();
  return { started: true, runId: id };
}

const fresh = (createdAt: number) => ({ state: initialState(createdAt), results: [], attempts: [] });
