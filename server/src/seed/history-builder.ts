/**
 * Builds one demo run as rows: the step attempts in time order (a retry is attempt 2 after
 * its back-off), approval tasks with their votes, and the run's outcome. A time cursor
 * moves forward with every attempt, so a run's steps never overlap and a destructive step
 * always starts after the approval that allowed it was decided.
 */
import { newId } from '../db/ids';
import type { Effect, HistoryApproval, HistoryStep, StepErrorData } from '../store/dashboard-history';
import type { Rng } from './history-random';

export interface Outcome {
  status: 'succeeded' | 'failed';
  /** An unhandled step failure. */
  error?: StepErrorData & { stepId: string; stepKey: string };
  /** An `end` step's message (a run that ends `failed` on purpose has no error). */
  message?: string;
}

export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  multiplier: number;
}

export class RunBuilder {
  readonly steps: HistoryStep[] = [];
  readonly approvals: HistoryApproval[] = [];
  /** The time cursor, epoch ms. */
  t: number;

  constructor(
    readonly runId: string,
    start: number,
    readonly rng: Rng,
  ) {
    this.t = start;
  }

  /** One attempt taking `ms`; moves the cursor past it. */
  attempt(
    stepId: string,
    nodeType: string,
    effect: Effect,
    ms: number,
    opts: {
      key?: string;
      attempt?: number;
      error?: StepErrorData;
      port?: string | null;
      details?: Record<string, unknown>;
    } = {},
  ): HistoryStep {
    const startedAt = Math.round(this.t);
    const finishedAt = Math.round(this.t + ms);
    const row: HistoryStep = {
      id: newId(startedAt),
      runId: this.runId,
      stepKey: opts.key ?? stepId,
      stepId,
      attempt: opts.attempt ?? 1,
      nodeType,
      status: opts.error ? 'failed' : 'succeeded',
      effect,
      error: opts.error ?? null,
      port: opts.port === undefined ? (opts.error ? null : 'out') : opts.port,
      startedAt,
      finishedAt,
      details: opts.details ?? null,
    };
    this.steps.push(row);
    this.t = finishedAt + this.rng.between(1, 15);
    return row;
  }

  /**
   * A step under a retry policy: each attempt fails with probability `failP` (with one of
   * `errors`), the next starts after the back-off. @returns the last error, or null on success
   */
  retried(
    stepId: string,
    nodeType: string,
    effect: Effect,
    opts: { ms: [number, number]; failP: number; errors: StepErrorData[]; policy: RetryPolicy; key?: string },
  ): StepErrorData | null {
    let delay = opts.policy.initialDelayMs;
    for (let attempt = 1; attempt <= opts.policy.maxAttempts; attempt++) {
      const error = this.rng.chance(opts.failP) ? this.rng.pick(opts.errors) : undefined;
      const ms = error?.kind === 'timeout' ? 20_000 : this.rng.between(...opts.ms);
      const last = attempt === opts.policy.maxAttempts;
      this.attempt(stepId, nodeType, effect, ms, {
        attempt,
        ...(opts.key ? { key: opts.key } : {}),
        ...(error ? { error, port: last ? 'error' : null } : {}),
        ...(error && !last ? { details: { retryInMs: delay } } : {}),
      });
      if (!error) return null;
      if (last) return error;
      this.t += delay * this.rng.between(0.8, 1.2);
      delay *= opts.policy.multiplier;
    }
    return null;
  }

  /** A failed run: its error names the failing step. */
  fail(stepId: string, error: StepErrorData, stepKey = stepId): Outcome {
    return { status: 'failed', error: { ...error, stepId, stepKey } };
  }
}

export const err = (kind: string, message: string, status?: number): StepErrorData => ({
  kind,
  message,
  retryable: ['timeout', 'network', 'http_5xx', 'http_429'].includes(kind),
  ...(status === undefined ? {} : { status }),
});
