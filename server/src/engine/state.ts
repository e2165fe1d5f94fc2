import type { EffectClass, TargetKind, WorkflowDocument } from '@autonomic/workflow';
import type { AttemptStatus, RunStatus, SafetyRecord, StepSource, TraceEvent } from '@autonomic/api';
import type { StepError } from './errors';

// The run vocabulary the API shows is the engine's own: one declaration, in the contract.
export type { AttemptStatus, RunStatus, SafetyRecord, TraceEvent };

/**
 * A run's persisted state: plain JSON, so that a store can write it as it is and any
 * process can pick the run up again. Split in three so that a commit stays small:
 * the immutable `RunRecord`, the bounded `RunState` (rewritten on every commit) and the
 * append-mostly step results and attempts (sent as deltas).
 */

export const TERMINAL: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** Written once when the run is created. */
export interface RunRecord {
  id: string;
  document: WorkflowDocument;
  event: unknown;
  createdAt: number;
  /** 0 for a top-level run; a sub-workflow's child is its parent's depth + 1. */
  depth: number;
  parentRunId?: string;
  parentStepKey?: string;
  /** Refuse destructive actions beyond this many in this run. */
  maxDestructive?: number;
  /** A re-run from a failed step: what an earlier run of the same version and event already did. */
  memo?: RunMemo;
}

/**
 * The steps an earlier run completed, by step key: a step with a memo is not performed
 * again; its recorded output and port are taken as this run's (inngest-style memoisation).
 */
export interface RunMemo {
  /** The run whose results these are. */
  fromRunId: string;
  steps: Record<string, MemoStep>;
}

export interface MemoStep {
  output: unknown;
  port: string;
}

/** A run error: the failing step's error and where it happened. */
export interface RunError extends StepError {
  stepId?: string;
  stepKey?: string;
}

/** The control state; its size is bounded by what is in flight, never by history. */
export interface RunState {
  status: RunStatus;
  /** Increases by one on every commit; a store may refuse a commit that skips one. */
  version: number;
  updatedAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** Earliest pending timer; a scheduler resumes the run then. */
  wakeAt?: number;
  /** Next completion sequence number: orders the path. */
  seq: number;
  tokens: Token[];
  loops: LoopState[];
  joins: JoinState[];
  /** Destructive actions sent so far (the blast-radius counter). */
  destructive: number;
  output?: unknown;
  message?: string;
  error?: RunError;
  /**
   * Set when a step's unhandled failure sent the run to the document's `onFailure`
   * handler: what the handler's expressions see as `failure`. A second failure fails the run.
   */
  failure?: FailureView;
}

/** The failure the exception handler is given: the failed step and its error as expressions see it. */
export interface FailureView {
  step: string;
  error: { kind: StepError['kind']; message: string; status?: number };
}

/** One live activation of a step in a scope: ready, running or waiting. */
export interface Token {
  /** Step id plus the item path, e.g. `lookup[3]` or `lookup[3][1]`. */
  key: string;
  stepId: string;
  /** '' for the run itself; `<for-each key>#<index>` for an item. */
  scopeId: string;
  /** Item indices from the outermost for-each in. */
  path: number[];
  attempt: number;
  phase: 'ready' | 'running' | 'waiting';
  wait?: Wait;
  /** Already counted against the blast radius (a re-executed attempt is not counted twice). */
  counted?: boolean;
}

export type Wait =
  | { kind: 'timer'; reason: 'delay' | 'retry'; until: number }
  | { kind: 'approval'; approval: ApprovalWait }
  | { kind: 'child'; runId: string }
  | { kind: 'loop' };

export interface ApprovalWait {
  task: ApprovalTask;
  votes: Vote[];
  /** Escalation levels already fired. */
  level: number;
  opened: boolean;
  decision?: ApprovalDecisionKind;
}

export type ApprovalDecisionKind = 'approved' | 'rejected' | 'timeout';

export interface Vote {
  decision: 'approved' | 'rejected';
  by: string;
  comment?: string;
  level: number;
  at: number;
}

/** What the approvals port is asked to show; its id is `${runId}:${stepKey}`. */
export interface ApprovalTask {
  id: string;
  runId: string;
  stepId: string;
  stepKey: string;
  message: string;
  approvers: { users: string[]; roles: string[] };
  quorum: number;
  createdAt: number;
  deadline: number;
  onTimeout: ApprovalDecisionKind;
  escalation: {
    level: number;
    at: number;
    approvers: { users: string[]; roles: string[] };
    breakGlass: boolean;
    label?: string;
  }[];
  /** With `approvers.targetOwner`: the owners of the guarded targets' assets, and who is asked because of them. */
  owner?: TaskOwner;
}

export interface TaskOwner {
  /** Owners that are users of the directory: added to `approvers.users`. */
  users: string[];
  /** Owners that name no user (a team): recorded on the task and shown, not asked. */
  teams: string[];
  /**
   * No owner could be asked: the named users and roles are (`named`), or, with none, the
   * first escalation level is reached at once (`escalation`, break glass).
   */
  fallback?: 'named' | 'escalation';
}

export interface LoopState {
  /** The for-each (or repeat-until loop) token's key. */
  key: string;
  /**
   * `rounds`: a repeat-until loop, one round at a time (each round is an item with index
   * round − 1, so step keys and fixtures count rounds like items); absent: a for-each.
   */
  kind?: 'rounds';
  /**
   * Asked after each finished item or round: a for-each's `breakWhen`, a loop's `until`.
   * Once it holds no new item or round starts.
   */
  check?: string;
  /** A loop's `check: 'before'`: the condition asked after round n is about round n + 1. */
  checkBefore?: boolean;
  /** The check held: no new item or round starts; the node leaves when the running ones are over. */
  broken?: boolean;
  stepId: string;
  scopeId: string;
  total: number;
  /** Next item index to start (a loop: the number of rounds started). */
  next: number;
  running: LoopItem[];
  failed: number;
  concurrency: number;
  onItemError: 'fail' | 'continue';
  /** Set when an item failed under `fail`: the loop drains and then fails with it. */
  abort?: StepError;
}

export interface LoopItem {
  index: number;
  /** Key of the last step completed in this item: its output is the item's output. */
  last?: string;
  /** The item is over and its `check` is being asked (its scope is kept for it). */
  checking?: boolean;
}

export interface JoinState {
  key: string;
  stepId: string;
  scopeId: string;
  /** Keys of the steps that arrived, in arrival order. */
  arrived: string[];
}

/**
 * A completed step (or a for-each's bookkeeping: `kind` 'items' holds the evaluated
 * items, 'item' one item's outcome). Never rewritten: resume reads these and never
 * runs a completed step again.
 */
export interface StepResult {
  key: string;
  stepId: string;
  scopeId: string;
  kind: 'step' | 'items' | 'item';
  seq: number;
  status: 'succeeded' | 'failed';
  output?: unknown;
  error?: StepError;
  /** The port followed; absent when the step has no next. */
  port?: string;
  at: number;
}

/** One attempt of one step: the trace. Inputs are rendered params (secret names only). */
export interface AttemptRecord {
  runId: string;
  stepId: string;
  stepKey: string;
  nodeType: string;
  attempt: number;
  status: AttemptStatus;
  startedAt: number;
  finishedAt?: number;
  input?: unknown;
  output?: unknown;
  error?: StepError;
  port?: string;
  itemIndex?: number;
  idempotencyKey?: string;
  effect?: EffectClass;
  target?: { kind: TargetKind; value: string };
  safety?: SafetyRecord;
  /** Backoff before the next attempt, when this one is retried. */
  retryInMs?: number;
  events?: TraceEvent[];
  /** In a simulation: where the step's output came from (set by `simulate`). */
  source?: StepSource;
}

/** What a store gives back for resume: everything in one read. */
export interface StoredRun {
  run: RunRecord;
  state: RunState;
  results: StepResult[];
  attempts: AttemptRecord[];
}

/** One engine commit = one store call. */
export interface RunCommit {
  /** Only on the run's first commit. */
  run?: RunRecord;
  state: RunState;
  /** Results completed since the previous commit (insert). */
  results: StepResult[];
  /** Attempts started or changed since the previous commit (upsert on stepKey + attempt). */
  attempts: AttemptRecord[];
}

/** What the engine API answers. */
export interface RunSummary {
  runId: string;
  status: RunStatus;
  wakeAt?: number;
  output?: unknown;
  message?: string;
  error?: RunError;
}

export function summaryOf(runId: string, state: RunState): RunSummary {
  const s: RunSummary = { runId, status: state.status };
  if (state.wakeAt !== undefined) s.wakeAt = state.wakeAt;
  if (state.output !== undefined) s.output = state.output;
  if (state.message !== undefined) s.message = state.message;
  if (state.error !== undefined) s.error = state.error;
  return s;
}

/** When a waiting token wants to run again: a timer, the next escalation or the deadline. */
export function wakeOf(wait: Wait | undefined): number | undefined {
  if (wait?.kind === 'timer') return wait.until;
  if (wait?.kind !== 'approval' || wait.approval.decision) return undefined;
  const { task, level } = wait.approval;
  return Math.min(task.escalation[level]?.at ?? Infinity, task.deadline);
}

/** `lookup` + [3, 1] → `lookup[3][1]`. */
export function stepKeyOf(stepId: string, path: readonly number[]): string {
  let key = stepId;
  for (const i of path) key += `[${i}]`;
  return key;
}

/** A run's path: the keys of completed steps in completion order. */
export function pathOf(results: readonly StepResult[]): string[] {
  return results
    .filter((r) => r.kind === 'step')
    .sort((a, b) => a.seq - b.seq)
    .map((r) => r.key);
}
