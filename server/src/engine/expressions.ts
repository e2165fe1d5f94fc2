import jsonata from 'jsonata';
import { EXPRESSION_FUNCTIONS, Re2RegExp, splitTemplate, type TemplatePart } from '@autonomic/workflow';
import { stepError, StepFailure, type StepError } from './errors';

/**
 * JSONata's typings ask for the RegExp constructor; it only ever calls `new E(literal)`
 * and then `exec`/`lastIndex`, which Re2RegExp provides with linear-time matching.
 */
const LINEAR_REGEX = Re2RegExp as unknown as RegExpConstructor;

/**
 * A completed step as expressions see it: its output and, when it failed into its `error`
 * port, the error (`steps.<id>.error.message` on the error path).
 */
export interface StepView {
  output: unknown;
  error?: ExposedError;
}

/** The part of a StepError an expression may read. */
export interface ExposedError {
  kind: StepError['kind'];
  message: string;
  /** The HTTP status, when the failure was an HTTP answer. */
  status?: number;
}

/** What an expression sees: `event`, `steps.<id>.output` (and `.error`), `vars`, and `item`/`index` in a for-each body. */
export interface ExpressionInput {
  event: unknown;
  steps: Record<string, StepView>;
  vars: Record<string, unknown>;
  item?: unknown;
  index?: number;
  /** Inside a repeat-until loop's body and in its condition: the round, from 1. */
  loop?: { round: number };
  /** On the exception handler's path: the step that failed and its error. */
  failure?: { step: string; error: ExposedError };
}

/**
 * The box a single evaluation runs in: a runaway expression (an endless recursion, a
 * huge range) fails its step with kind `expression` instead of hanging the engine.
 */
export interface ExpressionLimits {
  /** @default 1000 */
  timeoutMs: number;
  /** Evaluation depth. @default 500 */
  maxDepth: number;
}

export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = { timeoutMs: 1_000, maxDepth: 500 };

/** A run's allowance of expression time, shared by all its steps; the evaluator charges it. */
export interface ExpressionBudget {
  readonly limitMs: number;
  spentMs: number;
}

/** Per evaluation: the run's clock reading (for `$now()`) and its budget. */
export interface ExpressionCall {
  now: number;
  budget?: ExpressionBudget;
}

/**
 * Evaluates JSONata and renders templates; failures are StepFailures (kind `expression`,
 * `budget_exceeded` when the run's budget is spent, `output_too_large`). `Expressions`
 * evaluates in this thread (the CLI-free tests, simulation in tests); the server uses the
 * worker pool in `sandbox/`, which cannot block the event loop.
 */
export interface ExpressionEvaluator {
  evaluate(source: string, input: unknown, call?: ExpressionCall): Promise<unknown>;
  render(template: string, input: unknown, call?: ExpressionCall): Promise<unknown>;
  renderParams(value: unknown, skip: ReadonlySet<string>, input: unknown, call?: ExpressionCall): Promise<unknown>;
}

type Compiled = { ok: true; expr: jsonata.Expression } | { ok: false; message: string };

/** Compiled sources kept at most; past it the cache starts over (documents rarely have more). */
const CACHE_LIMIT = 10_000;

/**
 * JSONata evaluation and `{{ }}` template rendering with compiled-expression and parsed-
 * template caches. `$now()` and `$millis()` read the Clock port, so a replay sees the
 * same time as the run did; the house functions (`$inCidr`) come from workflow/.
 */
export class Expressions implements ExpressionEvaluator {
  private readonly compiled = new Map<string, Compiled>();
  private readonly templates = new Map<string, TemplatePart[]>();
  private readonly bindings: Record<string, unknown>;

  constructor(
    private readonly limits: ExpressionLimits,
    now: () => number,
  ) {
    this.bindings = {
      ...EXPRESSION_FUNCTIONS,
      millis: () => now(),
      now: (picture?: string, timezone?: string) =>
        picture === undefined && timezone === undefined
          ? new Date(now()).toISOString()
          : this.evaluate('$fromMillis(ms, picture, timezone)', { ms: now(), picture, timezone }),
    };
  }

  /**
   * Evaluates JSONata; throws a StepFailure of kind `expression` on any failure, or
   * `budget_exceeded` when the call's budget is already spent. Time spent is charged to it.
   */
  async evaluate(source: string, input: unknown, call?: ExpressionCall): Promise<unknown> {
    const budget = call?.budget;
    if (budget && budget.spentMs >= budget.limitMs) throw new StepFailure(budgetError(budget));
    const c = this.compile(source);
    if (!c.ok) throw new StepFailure(stepError('expression', `${c.message} in "${clip(source)}"`));
    const started = performance.now();
    try {
      return await c.expr.evaluate(input, this.bindings);
    } catch (e) {
      throw new StepFailure(stepError('expression', `${describe(e, this.limits)} in "${clip(source)}"`));
    } finally {
      if (budget) budget.spentMs += performance.now() - started;
    }
  }

  /**
   * Renders a template. Exactly one `{{ }}` and nothing else gives the raw value (an array
   * stays an array); otherwise values are joined as text, objects as JSON.
   */
  async render(template: string, input: unknown, call?: ExpressionCall): Promise<unknown> {
    if (!template.includes('{{')) return template;
    let parts = this.templates.get(template);
    if (!parts) {
      parts = splitTemplate(template);
      this.remember(this.templates, template, parts);
    }
    const [only] = parts;
    if (parts.length === 1 && only?.kind === 'expr') return this.evaluate(only.source, input, call);
    let text = '';
    for (const p of parts) text += p.kind === 'text' ? p.text : asText(await this.evaluate(p.source, input, call));
    return text;
  }

  /**
   * Renders every string in `value` as a template except at the paths in `skip`
   * (expression fields, which their step handler evaluates). Paths: `a.b`, `a[]`, `a.*`.
   */
  async renderParams(
    value: unknown,
    skip: ReadonlySet<string>,
    input: unknown,
    call?: ExpressionCall,
  ): Promise<unknown> {
    return this.renderAt(value, skip, input, call, '');
  }

  private async renderAt(
    value: unknown,
    skip: ReadonlySet<string>,
    input: unknown,
    call: ExpressionCall | undefined,
    path: string,
  ): Promise<unknown> {
    if (typeof value === 'string') return skip.has(path) ? value : this.render(value, input, call);
    if (Array.isArray(value)) {
      const p = `${path}[]`;
      if (skip.has(p)) return value;
      const out: unknown[] = [];
      for (const v of value) out.push(await this.renderAt(v, skip, input, call, p));
      return out;
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      const star = path === '' ? '*' : `${path}.*`;
      for (const [k, v] of Object.entries(value)) {
        const p = path === '' ? k : `${path}.${k}`;
        out[k] = skip.has(p) || skip.has(star) ? v : await this.renderAt(v, skip, input, call, p);
      }
      return out;
    }
    return value;
  }

  private compile(source: string): Compiled {
    let c = this.compiled.get(source);
    if (c) return c;
    try {
      const { timeoutMs, maxDepth } = this.limits;
      c = { ok: true, expr: jsonata(source, { timeout: timeoutMs, stack: maxDepth, RegexEngine: LINEAR_REGEX }) };
    } catch (e) {
      c = { ok: false, message: describe(e, this.limits) };
    }
    this.remember(this.compiled, source, c);
    return c;
  }

  private remember<V>(cache: Map<string, V>, key: string, value: V): void {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
}

/** The error of a run whose expression budget is spent (the engine adds the step). */
export function budgetError(budget: ExpressionBudget): StepError {
  return stepError(
    'budget_exceeded',
    `the run spent its expression budget of ${budget.limitMs} ms (${Math.round(budget.spentMs)} ms used)`,
  );
}

function describe(e: unknown, limits: ExpressionLimits): string {
  const err: { code?: unknown; message?: unknown; position?: unknown } =
    typeof e === 'object' && e !== null ? e : { message: String(e) };
  if (err.code === 'D1012') return `expression ran longer than ${limits.timeoutMs} ms`;
  if (err.code === 'D1011') return `expression nested deeper than ${limits.maxDepth}`;
  const at = typeof err.position === 'number' ? ` at ${err.position}` : '';
  const code = typeof err.code === 'string' ? `${err.code}: ` : '';
  return `${code}${typeof err.message === 'string' ? err.message : 'evaluation failed'}${at}`;
}

function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
