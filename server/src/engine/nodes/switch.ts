import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.switch.params);

/** Follows the first case whose `equals` is the value (nothing counts as null), else `default`. */
export const switchStep: StepHandler = async (ctx) => {
  const { value, cases } = read(ctx.step);
  const v = (await ctx.evaluate(value)) ?? null;
  const hit = cases.find((c) => c.equals === v);
  ctx.attempt.input = { value };
  return { type: 'next', output: v, port: hit?.port ?? 'default' };
};
