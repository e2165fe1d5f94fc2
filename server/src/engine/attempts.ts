import type { EngineEnv } from './env';
import { stepError, toStepError } from './errors';
import type { ExpressionInput } from './expressions';
import { handlerFor, type Outcome, type StepContext } from './nodes';
import type { ChildStart } from './nodes/types';
import type { PreparedStep } from './program';
import { retryDelayMs, shouldRetry } from './retry';
import type { RunSession } from './session';
import type { AttemptRecord, RunSummary, Token, TraceEvent } from './state';

/**
 * Runs one attempt of a token's step. A retryable failure that its policy retries
 * becomes a timer wait for the next attempt (slept in process when short, stored when
 * long); the attempt is recorded either way.
 */
export async function runToken(s: RunSession, token: Token): Promise<Outcome> {
  const step = s.step(token.stepId);
  const handler = step && handlerFor(step.type);
  if (!step || !handler) {
    return {
      type: 'error',
      error: stepError('internal', `no handler for step ${token.stepId}`, { retryable: false }),
    };
  }
  const ctx = new Attempt(s, token, step, s.trace.open(token, step));
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
    s.tokens.get(token.key) === token &&
    shouldRetry(step.retry, outcome.error, token.attempt)
  ) {
    const retryInMs = retryDelayMs(step.retry, token.attempt + 1, s.env.random);
    s.trace.finish(ctx.attempt, 'failed', { error: outcome.error, retryInMs });
    token.attempt += 1;
    return { type: 'wait', wait: { kind: 'timer', reason: 'retry', until: s.now() + retryInMs } };
  }
  return outcome;
}

/** The StepContext of one attempt (a class: one allocation per step, no closures). */
class Attempt implements StepContext {
  readonly runId: string;
  readonly depth: number;
  readonly input: ExpressionInput;
  readonly env: EngineEnv;
  private ctrl: AbortController | undefined;

  constructor(
    private readonly s: RunSession,
    readonly token: Token,
    readonly step: PreparedStep,
    readonly attempt: AttemptRecord,
  ) {
    this.runId = s.run.id;
    this.depth = s.run.depth;
    this.input = s.scopeOf(token).input;
    this.env = s.env;
  }

  controller(): AbortController {
    if (!this.ctrl) {
      this.ctrl = new AbortController();
      this.s.controllers.set(this.token.key, this.ctrl);
    }
    return this.ctrl;
  }

  release(): void {
    if (this.ctrl && this.s.controllers.get(this.token.key) === this.ctrl) this.s.controllers.delete(this.token.key);
  }

  now(): number {
    return this.s.now();
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
    return this.s.committer.flush();
  }

  claimDestructive(): boolean {
    return this.s.claimDestructive(this.token);
  }

  arrivals(): { stepId: string; key: string; output: unknown }[] {
    return (this.s.joins.get(this.token.key)?.arrived ?? []).map((key) => {
      const r = this.s.results.get(key);
      return { key, stepId: r?.stepId ?? key, output: r?.output };
    });
  }

  runChild(prepare: () => Promise<ChildStart>): Promise<RunSummary> {
    return this.s.hooks.runChild(this.s, this.token, prepare);
  }

  note(e: Omit<TraceEvent, 'at'>): void {
    this.s.trace.note(this.attempt, e);
  }
}
