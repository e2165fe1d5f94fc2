import { blockIp, disableUser, http, isolateHost, notify } from './actions';
import { approval } from './approval';
import { condition, delay, end, forEach, join, parallel, subWorkflow, switchNode, transform } from './logic';
import { manualTrigger, scheduleTrigger, webhookTrigger } from './triggers';
import type { NodeDefinition, PortSpec } from './types';

export * from './types';
export { Approvers, EscalationStep } from './approval';
export { HttpAuth, ActionEndpoint } from './actions';

/** The node catalogue: the one registry every side reads. */
export const NODE_TYPES: readonly NodeDefinition[] = [
  manualTrigger,
  webhookTrigger,
  scheduleTrigger,
  condition,
  switchNode,
  parallel,
  join,
  forEach,
  delay,
  transform,
  subWorkflow,
  end,
  approval,
  http,
  notify,
  blockIp,
  isolateHost,
  disableUser,
] as NodeDefinition[];

/**
 * The step definitions keyed by type, with their param types kept: code that reads a
 * step's params (the engine) parses them with these and gets typed values back.
 */
export const STEP_DEFINITIONS = {
  condition,
  switch: switchNode,
  parallel,
  join,
  foreach: forEach,
  delay,
  transform,
  subworkflow: subWorkflow,
  end,
  approval,
  http,
  notify,
  'block-ip': blockIp,
  'isolate-host': isolateHost,
  'disable-user': disableUser,
} as const;

const BY_TYPE = new Map(NODE_TYPES.map((d) => [d.type, d]));

export function nodeDefinition(type: string): NodeDefinition | undefined {
  return BY_TYPE.get(type);
}

export const TRIGGER_TYPES = NODE_TYPES.filter((d) => d.category === 'trigger').map((d) => d.type);
export const STEP_TYPES = NODE_TYPES.filter((d) => d.category !== 'trigger').map((d) => d.type);

export const ERROR_PORT: PortSpec = { id: 'error', label: 'Error', required: false };

/** Every output port of a node with these (valid) params, `error` included where it applies. */
export function portsOf(def: NodeDefinition, params: unknown): PortSpec[] {
  const ports = def.ports(params as never);
  if (def.category === 'trigger' || def.type === 'end') return ports;
  return [...ports, ERROR_PORT];
}
