import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { stepError } from '../errors';
import { paramReader } from '../program';
import type { Executor } from './types';

const read = paramReader(STEP_DEFINITIONS.subworkflow.params);

/**
 * Runs the called workflow as a child run (own id, same store) and returns its output.
 * The child's event is the `input` expression's value, or this run's event.
 */
export const subworkflow: Executor = async (ctx) => {
  const p = read(ctx.step);
  ctx.attempt.input = { workflow: p.workflow, input: p.input };
  const stub = ctx.env.stubs?.subworkflow?.(ctx.step.id);
  if (stub) return { type: 'next', output: stub.output, port: 'out' };
  const max = ctx.env.limits.maxDepth;
  if (ctx.depth + 1 > max) {
    return { type: 'error', error: stepError('validation', `sub-workflows nest deeper than ${max}`) };
  }
  const doc = await ctx.env.workflows?.resolve(p.workflow);
  if (!doc) return { type: 'error', error: stepError('validation', `workflow "${p.workflow}" not found`) };
  const event = p.input === undefined ? ctx.input.event : await ctx.evaluate(p.input);
  const child = await ctx.runChild(doc, event);
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
