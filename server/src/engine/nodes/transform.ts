import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.transform.params);

/** The expression's value is the step's output. */
export const transform: StepHandler = async (ctx) => {
  const { expression } = read(ctx.step);
  ctx.attempt.input = { expression };
  return { type: 'next', output: await ctx.evaluate(expression), port: 'out' };
};
