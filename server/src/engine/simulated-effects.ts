import { nodeDefinition } from '@autonomic/workflow';
import type { EffectsPort } from './ports';
import type { EffectReportEntry } from '@autonomic/api';
import type { AttemptRecord } from './state';

/**
 * The effects port of a simulation: `none`/`read` steps answer from a fixture, else
 * from live reads when given, else the action's example output; `write`/`destructive`
 * steps are never sent and answer from a fixture or the example output.
 */
export function simulatedEffects(fixtures: Record<string, unknown>, liveReads?: EffectsPort): EffectsPort {
  return {
    async perform(req) {
      if (Object.hasOwn(fixtures, req.stepId)) return { ok: true, output: fixtures[req.stepId] };
      if (liveReads && (req.effect === 'none' || req.effect === 'read')) return liveReads.perform(req);
      return { ok: true, output: nodeDefinition(req.nodeType)?.exampleOutput ?? null };
    },
  };
}

/** The effects report's entry is the API's (`EffectReportEntry` of the contract). */
export type { EffectReportEntry };

/** One entry per step key that reached its effect (its last attempt), in the order they ran. */
export function effectsReport(trace: readonly AttemptRecord[]): EffectReportEntry[] {
  const last = new Map<string, AttemptRecord>();
  for (const a of trace) {
    if (a.effect !== 'write' && a.effect !== 'destructive') continue;
    const key = `${a.runId} ${a.stepKey}`;
    const seen = last.get(key);
    if (!seen || seen.attempt < a.attempt) last.set(key, a);
  }
  return [...last.values()].map((a) => {
    const entry: EffectReportEntry = {
      runId: a.runId,
      stepId: a.stepId,
      stepKey: a.stepKey,
      nodeType: a.nodeType,
      effect: a.effect === 'destructive' ? 'destructive' : 'write',
      action: describeAction(a.nodeType, a.input),
      params: a.input,
      decision:
        a.safety?.decision === 'refuse' ? 'refused' : a.safety?.decision === 'auto-ok' ? 'auto-ok' : 'would-run',
    };
    if (a.target) entry.target = a.target;
    if (a.safety?.reason !== undefined) entry.reason = a.safety.reason;
    if (a.safety?.criticality !== undefined) entry.criticality = a.safety.criticality;
    return entry;
  });
}

/** Human text for an action and its rendered params. */
export function describeAction(nodeType: string, params: unknown): string {
  const p: Record<string, unknown> = typeof params === 'object' && params !== null ? { ...params } : {};
  const s = (k: string) => (typeof p[k] === 'string' || typeof p[k] === 'number' ? String(p[k]) : '?');
  switch (nodeType) {
    case 'block-ip':
      return `block IP ${s('ip')}${p.duration === undefined ? '' : ` for ${s('duration')}`}`;
    case 'isolate-host':
      return `isolate host ${s('host')}`;
    case 'disable-user':
      return `disable user ${s('user')}`;
    case 'notify':
      return `send ${/^[aeiou]/i.test(s('channel')) ? 'an' : 'a'} ${s('channel')} message to ${s('to')}`;
    case 'http':
      return `${s('method')} ${s('url')}`;
    default:
      return nodeType;
  }
}
