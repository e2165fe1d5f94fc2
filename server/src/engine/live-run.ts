import type { EngineEnv } from './env';
import type { ExpressionBudget } from './expressions';
import type { ChildStart } from './nodes/types';
import type { PreparedStep, Program } from './program';
import type { Scope } from './scope';
import type { FailureView, RunError, RunRecord, RunSummary, StepResult, Token } from './state';
import type { AttemptLog } from './trace';

/**
 * A run in flight as the session's collaborators see it. RunSession (session.ts)
 * implements it and owns the state behind it: live tokens, results, scopes, the run's
 * persisted state and its commits. Flow (flow.ts), Loops (loops.ts) and restore.ts change
 * that state only through these methods and never import the session, so the engine's
 * imports stay acyclic.
 */
export interface LiveRun {
  readonly env: EngineEnv;
  readonly run: RunRecord;
  readonly program: Program;
  /** The run's attempts: the current attempt of each live token. */
  readonly trace: AttemptLog;
  /** Ended, parked as `waiting`, or stopped by a store failure: nothing more moves in this session. */
  readonly closed: boolean;
  /** The run's expression time (a loop's condition spends it too). */
  readonly expressionBudget: ExpressionBudget;
  now(): number;
  step(id: string): PreparedStep | undefined;

  /** A scope by id: '' is the run itself, `<for-each key>#<index>` one item. */
  scope(id: string): Scope | undefined;
  /** The token's scope, which must exist. */
  scopeOf(token: Token): Scope;
  addScope(scope: Scope): void;
  dropScope(id: string): void;

  /** The live token with this step key. */
  token(key: string): Token | undefined;
  /** The live tokens in activation order (copy them before cancelling while iterating). */
  tokens(): IterableIterator<Token>;
  /** A new live token, counted in `scope`. */
  addToken(token: Token, scope: Scope | undefined): void;
  /** A token is done or cancelled: no longer live nor counted in `scope`; its current attempt is forgotten. */
  dropToken(token: Token, scope: Scope | undefined): void;
  /** Runs the token's step (its current attempt). */
  schedule(token: Token): void;
  /** Sleeps until the token's wake time, then runs it. */
  armTimer(token: Token): void;

  result(key: string): StepResult | undefined;
  /** The sequence number of the next result (results replay in this order). */
  nextSeq(): number;
  /** Keeps a new result and sends it with the next commit. */
  addResult(result: StepResult): void;
  /** Something in the run's state changed: the next commit carries it. */
  markDirty(): void;

  /**
   * Waits for work outside a step (a loop's condition) as part of the run: the run is not
   * idle meanwhile; `then` runs unless the session closed, and the run moves on after it.
   */
  watch<T>(p: Promise<T>, then: (r: { ok: true; value: T } | { ok: false; error: unknown }) => void): void;
  /** The failure the exception handler is running for, if it is. */
  readonly failure: FailureView | undefined;
  /** Puts `failure` in the run's state and in every expression's scope: the handler runs next. */
  handleFailure(failure: FailureView): void;
  /** Fails the run (every live token is cancelled). */
  fail(error: RunError): void;
  /** Ends the run as an `end` step says. */
  end(status: 'succeeded' | 'failed', message: string, output: unknown): void;
  /** Aborts the in-flight attempt of a token: its effect call sees the signal. */
  abortAttempt(key: string): void;
  /** Cancels the child run of a sub-workflow token; awaited before the final commit. */
  cancelChild(token: Token): void;
  /** A port call made while cancelling: awaited before the final commit. */
  cleanup(p: Promise<unknown>): void;
}

/** What one attempt of a step (attempts.ts) may see and do to its run. */
export interface AttemptHost {
  readonly env: EngineEnv;
  readonly run: RunRecord;
  /** The run's expression time, shared by all its steps (kept in memory: a resumed run starts afresh). */
  readonly expressionBudget: ExpressionBudget;
  readonly trace: AttemptLog;
  now(): number;
  step(id: string): PreparedStep | undefined;
  scopeOf(token: Token): Scope;
  token(key: string): Token | undefined;
  result(key: string): StepResult | undefined;
  /** Registers an attempt's abort controller: cancelling its token aborts it. */
  track(key: string, controller: AbortController): void;
  untrack(key: string, controller: AbortController): void;
  /** Resolves once the run's progress so far is committed. */
  durable(): Promise<void>;
  /** Counts a destructive action once per step key; false when the run's limit is reached. */
  claimDestructive(token: Token): boolean;
  /** For a join: the step keys that arrived, in arrival order. */
  arrivals(key: string): readonly string[];
  runChild(token: Token, prepare: () => Promise<ChildStart>): Promise<RunSummary>;
}
