import type { Deadlines } from './deadlines';
import type { StepError } from './errors';
import type { ExpressionEvaluator } from './expressions';
import type {
  ApprovalsPort,
  Clock,
  EffectsPort,
  EventSink,
  Random,
  RunStore,
  SafetyPort,
  WorkflowResolver,
} from './ports';

/** Engine-wide limits; every one has a default (see `DEFAULT_LIMITS`). */
export interface EngineLimits {
  /**
   * Waits (delays, retry backoffs) at most this long are slept in process; longer ones
   * commit the run as `waiting` and return, to be resumed at `wakeAt`. @default 1000
   */
  inlineWaitMs: number;
  /** Effect timeout of an action step without its own `timeout`. @default 30000 */
  actionTimeoutMs: number;
  /** Deepest sub-workflow nesting. @default 5 */
  maxDepth: number;
  /** Destructive actions one run may send; the rest are refused (kind `safety`). @default unlimited */
  maxDestructivePerRun?: number;
  /**
   * Completed steps buffered before a commit is forced; below it, progress is committed
   * in one batch once the current burst of work settles. @default 64
   */
  commitBatch: number;
  /**
   * Expression time one run may spend in all (each expression also has its own limit);
   * past it the next evaluation fails the step with `budget_exceeded`. @default 10000
   */
  runExpressionBudgetMs: number;
  /** The largest JSON a step may output (a run's final output too); more fails with `output_too_large`. @default 1 MiB */
  maxOutputBytes: number;
}

export const DEFAULT_LIMITS: EngineLimits = {
  inlineWaitMs: 1_000,
  actionTimeoutMs: 30_000,
  maxDepth: 5,
  commitBatch: 64,
  runExpressionBudgetMs: 10_000,
  maxOutputBytes: 1024 * 1024,
};

/** Which call of a step a stub is asked about. */
export interface StubCall {
  runId: string;
  stepId: string;
  stepKey: string;
  /** 1-based. */
  attempt: number;
  /** The innermost for-each item's index, inside a for-each. */
  itemIndex?: number;
}

/**
 * Simulation's hand on steps that are not effects (a sub-workflow answered by a fixture:
 * its output, or a failure the step fails with as if the child run had).
 */
export interface StepStubs {
  subworkflow?(call: StubCall): { ok: true; output: unknown } | { ok: false; error: StepError } | undefined;
}

/** The ports and shared services every run session of an engine uses. */
export interface EngineEnv {
  store: RunStore;
  effects: EffectsPort;
  clock: Clock;
  random: Random;
  safety?: SafetyPort;
  approvals?: ApprovalsPort;
  workflows?: WorkflowResolver;
  events?: EventSink;
  expressions: ExpressionEvaluator;
  /** Effect timeouts, on one clock sleep. */
  deadlines: Deadlines;
  limits: EngineLimits;
  stubs?: StepStubs;
  /** Runs a batched commit soon (after the current burst of work). */
  defer(fn: () => void): void;
}
