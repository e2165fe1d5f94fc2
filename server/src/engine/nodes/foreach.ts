import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { stepError } from '../errors';
import { paramReader } from '../program';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.foreach.params);

/** Evaluates the items; the scheduler runs the body per item (see loops.ts). */
export const forEach: StepHandler = async (ctx) => {
  const p = read(ctx.step);
  const items = await ctx.evaluate(p.items);
  ctx.attempt.input = {
    items: p.items,
    concurrency: p.concurrency,
    onItemError: p.onItemError,
    ...(p.breakWhen === undefined ? {} : { breakWhen: p.breakWhen }),
  };
  if (!Array.isArray(items)) {
    const got = items === undefined ? 'nothing' : items === null ? 'null' : typeof items;
    return { type: 'error', error: stepError('expression', `items must be an array, got ${got}`) };
  }
  if (items.length > p.maxItems) {
    return { type: 'error', error: stepError('validation', `${items.length} items, more than maxItems ${p.maxItems}`) };
  }
  const loop = { type: 'loop', items, concurrency: p.concurrency, onItemError: p.onItemError } as const;
  return p.breakWhen === undefined ? loop : { ...loop, breakWhen: p.breakWhen };
};
