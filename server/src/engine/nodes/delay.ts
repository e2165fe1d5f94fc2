import { durationMs, STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.delay.params);

/** A durable timer: the wait is in the run's state, so it survives a restart. */
export const delay: StepHandler = async (ctx) => {
  const wait = ctx.token.wait;
  const now = ctx.now();
  if (wait?.kind === 'timer' && wait.reason === 'delay') {
    return wait.until <= now ? { type: 'next', output: { until: wait.until }, port: 'out' } : { type: 'wait', wait };
  }
  const { duration } = read(ctx.step);
  ctx.attempt.input = { duration };
  return { type: 'wait', wait: { kind: 'timer', reason: 'delay', until: now + durationMs(duration) } };
};
