import type { EngineEnv } from './env';
import { stepError, StepFailure, toStepError } from './errors';
import type { ExpressionCall, ExpressionInput } from './expressions';
import type { AttemptHost } from './live-run';
import { handlerFor, type Outcome, type StepContext } from './nodes';
import type { ChildStart } from './nodes/types';
import type { PreparedStep } from './program';
import { jsonBytes } from './size';
import { retryDelayMs, shouldRetry } from './retry';
import type { AttemptRecord, RunSummary, Token, TraceEvent } from './state';

/**
 * Runs one attempt of a token's step with its handler. A retryable failure that its
 * policy retries becomes a timer wait for the next attempt (slept in process when short,
 * stored when long); the attempt is recorded either way.
 */
export class Attempts {
  constructor(private readonly host: AttemptHost) {}

  async run(token: Token): Promise<Outcome> {
    const host = this.host;
    const step = host.step(token.stepId);
    const handler = step && handlerFor(step.type);
    if (!step || !handler) {
      return {
        type: 'error',
        error: stepError('internal', `no handler for step ${token.stepId}`, { retryable: false }),
      };
    }
    const memo = host.run.memo?.steps[token.key];
    if (memo) {
      // A re-run: this step already succeeded in the run it repeats; take its output, perform nothing.
      host.trace.note(host.trace.open(token, step), { type: 'reused', detail: host.run.memo?.fromRunId ?? '' });
      return { type: 'next', output: memo.output, port: memo.port };
    }
    const ctx = new Attempt(host, token, step, host.trace.open(token, step));
    let outcome: Outcome;
    try {
      outcome = capOutput(await handler(ctx), host.env.limits.maxOutputBytes);
    } catch (e) {
      outcome = { type: 'error', error: toStepError(e) };
    } finally {
      ctx.release();
    }
    if (
      outcome.type === 'error' &&
      host.token(token.key) === token &&
      shouldRetry(step.retry, outcome.error, token.attempt)
    ) {
      const retryInMs = retryDelayMs(step.retry, token.attempt + 1, host.env.random);
      host.trace.finish(ctx.attempt, 'failed', { error: outcome.error, retryInMs });
      token.attempt += 1;
      return { type: 'wait', wait: { kind: 'timer', reason: 'retry', until: host.now() + retryInMs } };
    }
    return outcome;
  }
}

/** A step's output (an end step's: the run's) over the cap fails the step with `output_too_large`. */
function capOutput(outcome: Outcome, maxBytes: number): Outcome {
  if ((outcome.type !== 'next' && outcome.type !== 'end') || outcome.output === undefined) return outcome;
  const size = jsonBytes(outcome.output);
  if (size === undefined || size <= maxBytes) return outcome;
  return {
    type: 'error',
    error: stepError(
      'output_too_large',
      `the step's output is ${size} bytes of JSON, over the ${maxBytes}-byte limit`,
      {
        retryable: false,
      },
    ),
  };
}

/** The StepContext of one attempt (a class: one allocation per step, no closures). */
class Attempt implements StepContext {
  readonly runId: string;
  readonly depth: number;
  readonly input: ExpressionInput;
  readonly env: EngineEnv;
  private ctrl: AbortController | undefined;

  constructor(
    private readonly host: AttemptHost,
    readonly token: Token,
    readonly step: PreparedStep,
    readonly attempt: AttemptRecord,
  ) {
    this.runId = host.run.id;
    this.depth = host.run.depth;
    this.input = host.scopeOf(token).input;
    this.env = host.env;
  }

  controller(): AbortController {
    if (!this.ctrl) {
      this.ctrl = new AbortController();
      this.host.track(this.token.key, this.ctrl);
    }
    return this.ctrl;
  }

  peer(stepId: string): PreparedStep | undefined {
    return this.host.step(stepId);
  }

  release(): void {
    if (this.ctrl) this.host.untrack(this.token.key, this.ctrl);
  }

  now(): number {
    return this.host.now();
  }

  evaluate(source: string, input: ExpressionInput = this.input): Promise<unknown> {
    return this.named(this.env.expressions.evaluate(source, input, this.call()));
  }

  render(template: string): Promise<unknown> {
    return this.named(this.env.expressions.render(template, this.input, this.call()));
  }

  async renderParams(): Promise<Record<string, unknown>> {
    const { rawParams, expressionPaths } = this.step;
    const v = await this.named(this.env.expressions.renderParams(rawParams, expressionPaths, this.input, this.call()));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v } : {};
  }

  private call(): ExpressionCall {
    return { now: this.host.now(), budget: this.host.expressionBudget };
  }

  /** A spent budget names the step that found it spent. */
  private async named<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof StepFailure && e.error.kind === 'budget_exceeded') {
        throw new StepFailure({ ...e.error, message: `step ${this.step.id}: ${e.error.message}` });
      }
      throw e;
    }
  }

  durable(): Promise<void> {
    return this.host.durable();
  }

  claimDestructive(): boolean {
    return this.host.claimDestructive(this.token);
  }

  arrivals(): { stepId: string; key: string; output: unknown }[] {
    return this.host.arrivals(this.token.key).map((key) => {
      const r = this.host.result(key);
      return { key, stepId: r?.stepId ?? key, output: r?.output };
    });
  }

  runChild(prepare: () => Promise<ChildStart>): Promise<RunSummary> {
    return this.host.runChild(this.token, prepare);
  }

  note(e: Omit<TraceEvent, 'at'>): void {
    this.host.trace.note(this.attempt, e);
  }
}
