import { STEP_DEFINITIONS } from '@autonomic/workflow';
import { stepError } from '../errors';
import { paramReader } from '../program';
import type { SafetyLookup } from '../ports';
import type { StepHandler } from './types';

const read = paramReader(STEP_DEFINITIONS['safety-lookup'].params);

/**
 * Looks the rendered target up through the safety port (the inventory and both lists;
 * in simulation the same lists plus the case's entries). Nothing leaves the process.
 * Without a port nothing is known: not found, neither protected nor auto-OK.
 */
export const safetyLookup: StepHandler = async (ctx) => {
  const { kind } = read(ctx.step);
  const rendered = (await ctx.renderParams())['target'];
  const target = typeof rendered === 'string' ? rendered.trim() : rendered == null ? '' : String(rendered);
  ctx.attempt.input = { target, kind };
  if (target === '') {
    return { type: 'error', error: stepError('validation', 'no target to look up (param "target" rendered empty)') };
  }
  const lookup = ctx.env.safety?.lookup;
  const output: SafetyLookup = lookup
    ? await lookup.call(ctx.env.safety, { kind, value: target })
    : unknown(target, kind);
  return { type: 'next', output, port: 'out' };
};

function unknown(target: string, kind: SafetyLookup['kind']): SafetyLookup {
  return {
    target,
    kind,
    found: false,
    criticality: null,
    owner: null,
    businessService: null,
    tags: [],
    protected: false,
    autoOk: false,
  };
}
