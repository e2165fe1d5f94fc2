import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { stepError, StepFailure } from '../errors';
import { paramReader } from '../program';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.subworkflow.params);

/**
 * Runs the called workflow as a child run (own id, same store) and returns its output.
 * The child's event is the `input` expression's value, or this run's event. A step run
 * again (a resumed parent) finds its child by id and never starts a second one.
 */
export const subworkflow: StepHandler = async (ctx) => {
  const p = read(ctx.step);
  ctx.attempt.input = { workflow: p.workflow, input: p.input };
  const { path } = ctx.token;
  const stub = ctx.env.stubs?.subworkflow?.({
    runId: ctx.runId,
    stepId: ctx.step.id,
    stepKey: ctx.token.key,
    attempt: ctx.token.attempt,
    ...(path.length > 0 ? { itemIndex: path[path.length - 1] } : {}),
  });
  if (stub?.ok === false) return { type: 'error', error: stub.error };
  if (stub) return { type: 'next', output: stub.output, port: 'out' };
  const max = ctx.env.limits.maxDepth;
  if (ctx.depth + 1 > max) {
    return { type: 'error', error: stepError('validation', `sub-workflows nest deeper than ${max}`) };
  }
  const child = await ctx.runChild(async () => {
    const document = await ctx.env.workflows?.resolve(p.workflow);
    if (!document) throw new StepFailure(stepError('validation', `workflow "${p.workflow}" not found`));
    return { document, event: p.input === undefined ? ctx.input.event : await ctx.evaluate(p.input) };
  });
  switch (child.status) {
    case 'succeeded':
      return { type: 'next', output: child.output, port: 'out' };
    case 'failed':
    case 'cancelled': {
      const why = child.error?.message ?? child.message ?? child.status;
      const error = stepError(child.error?.kind ?? 'internal', `sub-workflow ${p.workflow} ${child.status}: ${why}`);
      return { type: 'error', error: { ...error, retryable: false } };
    }
    default:
      return { type: 'wait', wait: { kind: 'child', runId: child.runId } };
  }
};
