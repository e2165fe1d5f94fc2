import type { Step, Trigger } from '../document';
import { nodeDefinition, targetOf, type EffectClass } from '../nodes';
import { isRecord } from '../problem';
import { diffTransitions } from './transitions';
import type { StepChange, StepSummary, StepTargetRef, TriggerChange, WorkflowDiff } from './types';
import { diffValues, jsonEqual } from './values';

/** What a step can do to the outside world with these params; an unknown type does nothing. */
export function effectOf(step: Pick<Step, 'type' | 'params'>): EffectClass {
  return nodeDefinition(step.type)?.effect(step.params) ?? 'none';
}

export function summarize(id: string, step: Step): StepSummary {
  const target = targetRef(step);
  return { id, type: step.type, label: step.label, effect: effectOf(step), ...(target && { target }) };
}

/** The step's declared target and the value written for it (a template, a literal); none when it names none. */
export function targetRef(step: Pick<Step, 'type' | 'params'>): StepTargetRef | undefined {
  const def = nodeDefinition(step.type);
  const spec = def ? targetOf(def, step.params) : undefined;
  if (!spec) return undefined;
  let value: unknown = step.params;
  for (const key of spec.param.split('.'))
    value = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return { kind: spec.kind, value: text };
}

function change<T>(before: T, after: T): { before: T; after: T } | undefined {
  return jsonEqual(before, after) ? undefined : { before, after };
}

export function diffStep(id: string, a: Step, b: Step): StepChange | undefined {
  const type = change(a.type, b.type);
  const label = change(a.label, b.label);
  const timeout = change(a.timeout, b.timeout);
  const params = diffValues(a.params, b.params);
  const retry = diffValues(a.retry, b.retry);
  const transitions = diffTransitions(a.transitions, b.transitions);
  const unchanged = !type && !label && !timeout && [params, retry, transitions].every((l) => l.length === 0);
  if (unchanged) return undefined;
  return {
    id,
    before: summarize(id, a),
    after: summarize(id, b),
    ...(type && { type }),
    ...(label && { label }),
    params,
    retry,
    ...(timeout && { timeout }),
    transitions,
  };
}

export function diffSteps(a: Record<string, Step>, b: Record<string, Step>): WorkflowDiff['steps'] {
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const result: WorkflowDiff['steps'] = { added: [], removed: [], changed: [] };
  for (const id of ids) {
    const before = a[id];
    const after = b[id];
    if (!before && after) result.added.push(summarize(id, after));
    else if (before && !after) result.removed.push(summarize(id, before));
    else if (before && after) {
      const c = diffStep(id, before, after);
      if (c) result.changed.push(c);
    }
  }
  return result;
}

export function diffTrigger(a: Trigger, b: Trigger): TriggerChange | null {
  const id = change(a.id, b.id);
  const type = change(a.type, b.type);
  const label = change(a.label, b.label);
  const params = diffValues(a.params, b.params);
  const inputSchema = diffValues(a.inputSchema, b.inputSchema);
  const transitions = diffTransitions(a.transitions, b.transitions);
  if (!id && !type && !label && [params, inputSchema, transitions].every((l) => l.length === 0)) return null;
  return { ...(id && { id }), ...(type && { type }), ...(label && { label }), params, inputSchema, transitions };
}
