import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.condition.params);

/** Follows `true` when the predicate holds (JSONata truthiness), else `false`. */
export const condition: StepHandler = async (ctx) => {
  const { predicate } = read(ctx.step);
  const result = truthy(await ctx.evaluate(predicate));
  ctx.attempt.input = { predicate };
  return { type: 'next', output: result, port: result ? 'true' : 'false' };
};

/** JSONata's `$boolean`: empty strings, zero, empty arrays/objects and nothing are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.some(truthy);
  if (typeof v === 'object') return Object.keys(v).length > 0;
  if (typeof v === 'function') return false;
  return Boolean(v);
}
