import { FORMAT_VERSION, WorkflowDocument } from '../../src/document';
import { DEFAULT_POLICIES, type PolicyRuleInput, SafetyPolicy } from '../../src/policies';
import { gatewayParams } from '../../src/testing/gateway';

type Transitions = Record<string, string[]>;
type StepJson = { type: string; label?: string; params: Record<string, unknown>; transitions?: Transitions };

/** A document from a trigger's transitions and steps (parsed, so defaults are filled in). */
export function graph(trigger: Transitions, steps: Record<string, StepJson>, vars: Record<string, unknown> = {}) {
  return WorkflowDocument.parse({
    formatVersion: FORMAT_VERSION,
    metadata: { name: 'Policy test' },
    trigger: { id: 'alert', type: 'trigger.webhook', params: {}, transitions: trigger },
    steps,
    vars,
  });
}

/** The step kinds the tables are drawn with. */
export const s = {
  block: (transitions: Transitions = {}, label?: string): StepJson => ({
    type: 'connector',
    ...(label ? { label } : {}),
    params: gatewayParams('block_ip', { ip: '{{ event.ip }}', reason: 'bad', path: '/block' }),
    transitions,
  }),
  notify: (transitions: Transitions = {}): StepJson => ({
    type: 'connector',
    params: gatewayParams('notify', { channel: '#soc', text: 'hi', path: '/notify' }),
    transitions,
  }),
  read: (transitions: Transitions = {}): StepJson => ({
    type: 'http',
    params: { url: 'https://intel.example/ip/{{ event.ip }}' },
    transitions,
  }),
  approval: (transitions: Transitions = {}): StepJson => ({
    type: 'approval',
    params: { approvers: { roles: ['lead'] }, timeout: '15m' },
    transitions,
  }),
  condition: (predicate: string, transitions: Transitions = {}): StepJson => ({
    type: 'condition',
    params: { predicate },
    transitions,
  }),
  lookup: (transitions: Transitions = {}): StepJson => ({
    type: 'safety-lookup',
    params: { target: '{{ event.ip }}', kind: 'ip' },
    transitions,
  }),
  foreach: (transitions: Transitions = {}): StepJson => ({
    type: 'foreach',
    params: { items: 'event.ips' },
    transitions,
  }),
  end: (): StepJson => ({ type: 'end', params: {} }),
  http: (method: string, url: string, transitions: Transitions = {}): StepJson => ({
    type: 'http',
    params: { method, url },
    transitions,
  }),
};

/** One of the shipped defaults, by id. */
export function defaultPolicy(id: string): SafetyPolicy {
  const p = DEFAULT_POLICIES.find((d) => d.id === id);
  if (!p) throw new Error(`no default policy ${id}`);
  return p;
}

/** A policy around a rule, enabled. */
export function policy(rule: PolicyRuleInput, id = 'test-policy'): SafetyPolicy {
  return SafetyPolicy.parse({ id, name: `Policy ${id}`, rule });
}
