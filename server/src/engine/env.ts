import type { Deadlines } from './deadlines';
import type { Expressions } from './expressions';
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
}

export const DEFAULT_LIMITS: EngineLimits = {
  inlineWaitMs: 1_000,
  actionTimeoutMs: 30_000,
  maxDepth: 5,
  commitBatch: 64,
};

/** Simulation's hand on steps that are not effects (a sub-workflow answered by a fixture). */
export interface StepStubs {
  subworkflow?(stepId: string): { output: unknown } | undefined;
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
  expressions: Expressions;
  /** Effect timeouts, on one clock sleep. */
  deadlines: Deadlines;
  limits: EngineLimits;
  stubs?: StepStubs;
  /** Runs a batched commit soon (after the current burst of work). */
  defer(fn: () => void): void;
}
