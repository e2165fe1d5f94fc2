import type { EngineEnv } from './env';
import { stepError, toStepError } from './errors';
import type { ExpressionInput } from './expressions';
import type { AttemptHost } from './live-run';
import { handlerFor, type Outcome, type StepContext } from './nodes';
import type { ChildStart } from './nodes/types';
import type { PreparedStep } from './program';
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
    const ctx = new Attempt(host, token, step, host.trace.open(token, step));
    let outcome: Outcome;
    try {
      outcome = await handler(ctx);
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

  release(): void {
    if (this.ctrl) this.host.untrack(this.token.key, this.ctrl);
  }

  now(): number {
    return this.host.now();
  }

  evaluate(source: string): Promise<unknown> {
    return this.env.expressions.evaluate(source, this.input);
  }

  render(template: string): Promise<unknown> {
    return this.env.expressions.render(template, this.input);
  }

  async renderParams(): Promise<Record<string, unknown>> {
    const v = await this.env.expressions.renderParams(this.step.rawParams, this.step.expressionPaths, this.input);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v } : {};
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
