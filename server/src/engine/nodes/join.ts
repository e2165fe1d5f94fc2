import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import type { PreparedStep } from '../program';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.join.params);

/** `all` or `any`: read when a branch arrives (the scheduler does the waiting). */
export function joinMode(step: PreparedStep): 'all' | 'any' {
  return read(step).mode;
}

/**
 * Runs once the scheduler fires the join. Output: the arrived branches' outputs by
 * step id, in arrival order (one entry for `any`).
 */
export const join: StepHandler = async (ctx) => {
  const arrived = ctx.arrivals();
  ctx.attempt.input = { mode: joinMode(ctx.step), arrived: arrived.map((a) => a.key) };
  return { type: 'next', output: Object.fromEntries(arrived.map((a) => [a.stepId, a.output])), port: 'out' };
};
