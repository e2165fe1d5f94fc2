import type { STEP_DEFINITIONS } from '@autonomic/workflow';
import { action } from './action';
import { approval } from './approval';
import { condition } from './condition';
import { delay } from './delay';
import { end } from './end';
import { forEach } from './foreach';
import { join } from './join';
import { loop } from './loop';
import { parallel } from './parallel';
import { safetyLookup } from './safety-lookup';
import { subworkflow } from './subworkflow';
import { switchStep } from './switch';
import { transform } from './transform';
import type { StepHandler } from './types';

export type { StepHandler, Outcome, StepContext } from './types';

/**
 * One handler per step type of the catalogue, one line each: typed by the catalogue's
 * keys, so a step type without a handler (or a handler for no step type) does not compile.
 */
export const HANDLERS: Record<keyof typeof STEP_DEFINITIONS, StepHandler> = {
  condition,
  switch: switchStep,
  parallel,
  join,
  foreach: forEach,
  loop,
  delay,
  transform,
  'safety-lookup': safetyLookup,
  subworkflow,
  end,
  approval,
  http: action,
  connector: action,
};

const BY_TYPE = new Map<string, StepHandler>(Object.entries(HANDLERS));

export function handlerFor(type: string): StepHandler | undefined {
  return BY_TYPE.get(type);
}
