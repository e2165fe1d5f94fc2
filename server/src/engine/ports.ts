import type { EffectClass, TargetKind, WorkflowDocument } from '@autonomic/workflow';
import type { StepError } from './errors';
import type { ApprovalDecisionKind, ApprovalTask, AttemptRecord, RunCommit, RunStatus, StoredRun } from './state';

/**
 * The engine's ports: everything it needs from the world. The engine itself reads no
 * clock, draws no random number and does no I/O; tests and simulation swap these.
 */

export interface Clock {
  /** Milliseconds since the epoch (or since a fake clock's start). */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts (it never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Random {
  /** A number in [0, 1). */
  next(): number;
}

/**
 * Persists runs. The engine makes one `commit` per batch of progress (never one call
 * per field) and reads a whole run back with one `load`, so a database store can do
 * each in one round trip.
 */
export interface RunStore {
  /**
   * Writes a commit atomically. Throws when `state.version` is not the stored one + 1.
   * Must serialise (or copy) the commit before its first `await`: the engine goes on
   * changing those objects as soon as the call returns.
   */
  commit(runId: string, commit: RunCommit): Promise<void>;
  load(runId: string): Promise<StoredRun | undefined>;
  /** Waiting runs whose `wakeAt` is at or before `now`, earliest first. */
  due(now: number, limit: number): Promise<string[]>;
  /**
   * True while the run is not stored yet (driven in memory first): the engine then holds
   * commits of pure progress until a durable point — an effect that writes, a wait, the
   * end — whose commit records the run. Optional; absent means never.
   */
  holds?(runId: string): boolean;
}

export interface EffectTarget {
  kind: TargetKind;
  value: string;
}

export interface EffectRequest {
  runId: string;
  stepId: string;
  stepKey: string;
  nodeType: string;
  effect: EffectClass;
  /** Rendered params: templates filled in; secrets are still names. */
  params: Record<string, unknown>;
  target?: EffectTarget;
  /** `${runId}:${stepKey}:${attempt}`: the same on a re-execution after a crash. */
  idempotencyKey: string;
  attempt: number;
  itemIndex?: number;
  /** Aborted on timeout or cancellation. */
  signal: AbortSignal;
}

export type EffectResult = { ok: true; output: unknown } | { ok: false; error: StepError };

/** Performs an action. May also throw a `StepFailure`; any other throw is an `internal` error. */
export interface EffectsPort {
  perform(request: EffectRequest): Promise<EffectResult>;
}

export type SafetyVerdict =
  | { decision: 'allow' }
  | { decision: 'refuse'; reason: string; criticality: 'low' | 'medium' | 'high' | 'critical' }
  | {
      decision: 'auto-ok';
      reason?: string;
      /** The matching auto-OK entry's criticality. */
      criticality?: 'low' | 'medium' | 'high' | 'critical';
      /** The matching auto-OK entry, named: `ip 10.0.0.0/24`. */
      entry?: string;
    };

/** A matching safety entry, as the safety lookup step shows it. */
export interface SafetyLookupEntry {
  kind: 'ip' | 'cidr' | 'host' | 'user' | 'domain';
  value: string;
  criticality: 'low' | 'medium' | 'high' | 'critical';
  reason: string;
  owner: string | null;
}

/** What the safety lookup step answers for a target: its asset, and the entries that match it. */
export interface SafetyLookup {
  target: string;
  kind: EffectTarget['kind'];
  /** Whether the target is (or falls in) an asset of the inventory. */
  found: boolean;
  /** The asset's, else the matching protected entry's; null when neither knows. */
  criticality: 'low' | 'medium' | 'high' | 'critical' | null;
  owner: string | null;
  businessService: string | null;
  tags: string[];
  protected: boolean;
  protectedEntry?: SafetyLookupEntry;
  autoOk: boolean;
  autoOkEntry?: SafetyLookupEntry;
}

/** Asked before every destructive action: is this target protected, or on the auto-OK list? */
export interface SafetyPort {
  check(target: EffectTarget): Promise<SafetyVerdict>;
  /** The safety lookup step's question (assets and both lists); absent: nothing is known. */
  lookup?(target: EffectTarget): Promise<SafetyLookup>;
}

/**
 * People deciding. Calls are at-least-once: after a crash the engine may open the same
 * task or fire the same escalation level again, so implementations dedupe on the ids.
 */
export interface ApprovalsPort {
  open(task: ApprovalTask): Promise<void>;
  escalate(task: ApprovalTask, level: number): Promise<void>;
  close(task: ApprovalTask, outcome: ApprovalDecisionKind | 'cancelled'): Promise<void>;
  /**
   * The task was never opened: every target it guards is auto-OK, so policy approved it
   * (audited live). At-least-once like the others.
   */
  skipped?(task: ApprovalTask, policy: PolicyApproval): Promise<void>;
  /**
   * Of these asset owners, the ones the user directory knows (enabled users, by username),
   * as usernames; the others are teams. Absent: every owner is taken as a user.
   */
  directoryUsers?(owners: string[]): Promise<string[]>;
}

/** Why policy approved an approval step without asking: each guarded action's target and its auto-OK entry. */
export interface PolicyApproval {
  guards: GuardedTarget[];
}

export interface GuardedTarget {
  stepId: string;
  effect: 'write' | 'destructive';
  target: EffectTarget;
  /** The matching auto-OK entry, named (`host ws-17.corp`), and its reason and criticality. */
  entry: string;
  reason?: string;
  criticality?: 'low' | 'medium' | 'high' | 'critical';
}

/** Finds the document a sub-workflow step calls. */
export interface WorkflowResolver {
  resolve(workflow: string): Promise<WorkflowDocument | undefined>;
}

export type EngineEvent =
  { type: 'attempt'; attempt: AttemptRecord } | { type: 'run'; runId: string; status: RunStatus };

/** Optional live feed (a UI, metrics); must not throw and must not block. */
export interface EventSink {
  emit(event: EngineEvent): void;
}
