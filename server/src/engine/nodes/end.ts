import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS.end.params);

/** Ends the whole run (other branches are cancelled) with a status, message and output. */
export const end: StepHandler = async (ctx) => {
  const p = read(ctx.step);
  const rendered = await ctx.render(p.message);
  const message = typeof rendered === 'string' ? rendered : JSON.stringify(rendered ?? '');
  const output = p.output === undefined ? undefined : await ctx.evaluate(p.output);
  ctx.attempt.input = { status: p.status, message };
  return { type: 'end', status: p.status, message, output };
};
