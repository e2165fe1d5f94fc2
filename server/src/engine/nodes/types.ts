import type { WorkflowDocument } from '@autonomic/workflow';
import type { EngineEnv } from '../env';
import type { StepError } from '../errors';
import type { ExpressionInput } from '../expressions';
import type { PreparedStep } from '../program';
import type { AttemptRecord, RunSummary, Token, TraceEvent, Wait } from '../state';

/**
 * What running a step produced, as data; the scheduler decides what it means for the
 * run (follow a port, fail, wait, end, start a loop).
 */
export type Outcome =
  | { type: 'next'; output: unknown; port: string }
  | { type: 'error'; error: StepError }
  | { type: 'wait'; wait: Wait }
  | { type: 'end'; status: 'succeeded' | 'failed'; message: string; output?: unknown }
  | { type: 'loop'; items: unknown[]; concurrency: number; onItemError: 'fail' | 'continue'; breakWhen?: string }
  | { type: 'rounds'; until: string; checkBefore: boolean; maxRounds: number };

/** What a step handler may see and do. Everything it touches outside goes through `env`'s ports. */
export interface StepContext {
  readonly runId: string;
  readonly depth: number;
  readonly token: Token;
  readonly step: PreparedStep;
  /** Another step of the same document, by id (a static look at the graph). */
  peer(stepId: string): PreparedStep | undefined;
  readonly attempt: AttemptRecord;
  readonly input: ExpressionInput;
  /**
   * The attempt's abort controller (made on first use): the engine aborts it when the
   * step is cancelled (an `any` join won elsewhere, the run was cancelled).
   */
  controller(): AbortController;
  readonly env: EngineEnv;
  now(): number;
  /** Evaluates in the step's scope, or in `input` when given (a loop's condition sees `loop.round`). */
  evaluate(source: string, input?: ExpressionInput): Promise<unknown>;
  render(template: string): Promise<unknown>;
  /** The step's params with every template rendered (expression fields left as written). */
  renderParams(): Promise<Record<string, unknown>>;
  /** Resolves once the run's progress so far (this attempt included) is committed. */
  durable(): Promise<void>;
  /** Counts one destructive action against the run's limit; false when the limit is reached. */
  claimDestructive(): boolean;
  /** For a join: who arrived, in arrival order. */
  arrivals(): { stepId: string; key: string; output: unknown }[];
  /**
   * Drives this step's child run: the existing one when there is one (a re-executed
   * step, a resumed parent), else a new one from what `prepare` gives.
   */
  runChild(prepare: () => Promise<ChildStart>): Promise<RunSummary>;
  note(event: Omit<TraceEvent, 'at'>): void;
}

export type StepHandler = (ctx: StepContext) => Promise<Outcome>;

/** What a new child run starts from. */
export interface ChildStart {
  document: WorkflowDocument;
  event: unknown;
}
