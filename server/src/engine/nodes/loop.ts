import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import { truthy } from './condition';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.loop.params);

/**
 * A repeat-until loop. Checked before the first round (`check: 'before'`, `loop.round`
 * 1, no round done yet), a condition that already holds leaves by `done` with no round;
 * otherwise the scheduler runs the rounds and asks the condition after each (loops.ts).
 */
export const loop: StepHandler = async (ctx) => {
  const p = read(ctx.step);
  ctx.attempt.input = { until: p.until, check: p.check, maxRounds: p.maxRounds };
  const checkBefore = p.check === 'before';
  if (checkBefore && truthy(await ctx.evaluate(p.until, { ...ctx.input, loop: { round: 1 } }))) {
    ctx.note({ type: 'loop_exit', reason: 'condition', rounds: 0 });
    return { type: 'next', output: { rounds: 0, reason: 'condition' }, port: 'done' };
  }
  return { type: 'rounds', until: p.until, checkBefore, maxRounds: p.maxRounds };
};
