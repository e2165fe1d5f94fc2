import type { CaseExpectation, EffectAssertion, OutputAssertion } from '@autonomic/workflow';
import type { AssertionResult } from '@autonomic/api';
import { toStepError } from './errors';
import type { ExpressionBudget, ExpressionEvaluator } from './expressions';
import type { EffectReportEntry } from './simulated-effects';
import type { SimulationResult } from './simulation';
import type { AttemptRecord } from './state';

/** What evaluating an output predicate needs: the engine's evaluator, the case's budget, the run's clock. */
export interface PredicateContext {
  expressions: ExpressionEvaluator;
  budget: ExpressionBudget;
  now: number;
}

/**
 * Every assertion of `expect` against a simulated run, one result each, in a fixed order:
 * status, path, reached, not reached, effects, outputs, step bound. Only the top-level
 * run's attempts count for reached, outputs and the bound (a sub-workflow's steps are
 * another document's).
 */
export async function checkExpectation(
  expect: CaseExpectation,
  sim: SimulationResult,
  predicates: PredicateContext,
): Promise<AssertionResult[]> {
  const top = sim.trace.filter((a) => a.runId === sim.runId);
  const results: AssertionResult[] = [];
  if (expect.status !== undefined) {
    results.push(check(`status is ${expect.status}`, sim.status === expect.status, `got ${sim.status}`));
  }
  if (expect.path !== undefined) {
    const same = expect.path.length === sim.path.length && expect.path.every((p, i) => p === sim.path[i]);
    results.push(check(`path is ${arrow(expect.path)}`, same, `got ${arrow(sim.path)}`));
  }
  for (const id of expect.reached ?? []) {
    const n = timesReached(top, id);
    results.push(check(`reaches ${id}`, n > 0, `never reached; the path was ${arrow(sim.path)}`));
  }
  for (const id of expect.notReached ?? []) {
    const n = timesReached(top, id);
    results.push(check(`does not reach ${id}`, n === 0, `reached ${n === 1 ? 'once' : `${n} times`}`));
  }
  for (const e of expect.effects ?? []) results.push(effectResult(e, sim.effects));
  for (const o of expect.outputs ?? []) results.push(await outputResult(o, sim, top, predicates));
  if (expect.maxSteps !== undefined) {
    const n = top.filter((a) => a.status === 'succeeded' || a.status === 'failed').length;
    results.push(check(`at most ${steps(expect.maxSteps)}`, n <= expect.maxSteps, `took ${n}`));
  }
  return results;
}

function check(assertion: string, passed: boolean, detail: string): AssertionResult {
  return passed ? { assertion, passed } : { assertion, passed, detail };
}

const steps = (n: number) => (n === 1 ? '1 step' : `${n} steps`);
const arrow = (path: readonly string[]) => (path.length === 0 ? '(no steps)' : path.join(' → '));

/** How many times the top-level run reached a step (its for-each items apart, its retries once). */
function timesReached(top: readonly AttemptRecord[], stepId: string): number {
  return new Set(top.filter((a) => a.stepId === stepId).map((a) => a.stepKey)).size;
}

/** "effect Block IP by block_ip on 203.0.113.7 is refused" / "no effect by notify". */
function effectResult(e: EffectAssertion, effects: readonly EffectReportEntry[]): AssertionResult {
  const parts = [
    e.action === undefined ? undefined : `"${e.action}"`,
    e.step === undefined ? undefined : `by ${e.step}`,
    e.target === undefined ? undefined : `on ${e.target}`,
  ].filter((p) => p !== undefined);
  const what = `${parts.join(' ')}${e.decision === undefined ? '' : ` ${e.absent ? 'that is' : 'is'} ${e.decision}`}`;
  const found = effects.filter((f) => effectMatches(e, f));
  const listed = effects.length === 0 ? 'no effects at all' : `the effects were ${effects.map(describe).join('; ')}`;
  if (e.absent) {
    return check(`no effect ${what}`, found.length === 0, `found ${found.map(describe).join('; ')}`);
  }
  return check(`effect ${what}`, found.length > 0, `no such effect: ${listed}`);
}

function effectMatches(e: EffectAssertion, f: EffectReportEntry): boolean {
  if (e.step !== undefined && f.stepId !== e.step) return false;
  if (e.action !== undefined && !f.action.toLowerCase().includes(e.action.toLowerCase())) return false;
  if (e.target !== undefined && f.target?.value !== e.target) return false;
  return e.decision === undefined || f.decision === e.decision;
}

const describe = (f: EffectReportEntry) => `${f.stepKey}: ${f.action} (${f.decision})`;

/** A JSONata predicate on a step's last output (top-level run) or the run's output; true, exactly, holds. */
async function outputResult(
  o: OutputAssertion,
  sim: SimulationResult,
  top: readonly AttemptRecord[],
  ctx: PredicateContext,
): Promise<AssertionResult> {
  const assertion = `${o.step === undefined ? 'the run output' : `${o.step} output`} matches ${o.matches}`;
  let input: unknown = sim.output;
  if (o.step !== undefined) {
    const last = lastOutput(top, o.step);
    if (!last) return check(assertion, false, `${o.step} has no output: it never succeeded`);
    input = last.output;
  } else if (sim.output === undefined) {
    return check(assertion, false, `the run has no output (it ${sim.status})`);
  }
  try {
    const value = await ctx.expressions.evaluate(o.matches, input, { now: ctx.now, budget: ctx.budget });
    return check(assertion, value === true, `it gave ${shown(value)}, not true`);
  } catch (e) {
    return check(assertion, false, toStepError(e).message);
  }
}

/** The output of the step's last succeeded attempt, in completion order. */
function lastOutput(top: readonly AttemptRecord[], stepId: string): { output: unknown } | undefined {
  let last: AttemptRecord | undefined;
  for (const a of top) {
    if (a.stepId !== stepId || a.status !== 'succeeded') continue;
    if (!last || (a.finishedAt ?? a.startedAt) >= (last.finishedAt ?? last.startedAt)) last = a;
  }
  return last ? { output: last.output } : undefined;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
