/**
 * The node catalogue: the one registry every side reads. A node type is its folder
 * (`nodes/<type>/index.ts`: params, ports, effect, form hints, glyph, body summary) and
 * one line below; the engine adds one handler line (server/src/engine/nodes), and its
 * registry does not compile without it.
 */
import { approval } from './approval';
import { condition } from './condition';
import { connector } from './connector';
import { delay } from './delay';
import { end } from './end';
import { forEach } from './foreach';
import { http } from './http';
import { join } from './join';
import { loop } from './loop';
import { parallel } from './parallel';
import { safetyLookup } from './safety-lookup';
import { subWorkflow } from './subworkflow';
import { switchNode } from './switch';
import { transform } from './transform';
import { manualTrigger } from './trigger.manual';
import { scheduleTrigger } from './trigger.schedule';
import { webhookTrigger } from './trigger.webhook';
import type { z } from 'zod';
import type { NodeCategory, NodeDefinition, PortSpec, StepCategory, StepTarget } from './types';

export * from './types';
export { Approvers, EscalationStep, SkipWhenAutoOk, StepApprovers } from './approval';
export { HttpTarget } from './http';
export { CREDENTIAL_HEADERS, HttpAuth, isCredentialHeader, REDACTED } from './http-auth';
export {
  connectorParams,
  ConnectorStepTarget,
  CredentialName,
  TemplateJson,
  type TemplateJsonValue,
} from './connector';
export { DEFAULT_DEDUPE_WINDOW } from './trigger.webhook';

/** A registry section: each key is its definition's type (checked by the compiler). */
type Section<C extends NodeCategory, R> = { [K in keyof R]: NodeDefinition<z.ZodType, K & string, C> };

function section<C extends NodeCategory>() {
  return <const R extends Section<C, R>>(defs: R): R => defs;
}

/** The trigger types, keyed by type. */
export const TRIGGER_DEFINITIONS = section<'trigger'>()({
  'trigger.manual': manualTrigger,
  'trigger.webhook': webhookTrigger,
  'trigger.schedule': scheduleTrigger,
});

/**
 * The step types keyed by type, with their param types kept: code that reads a step's
 * params (the engine) parses them with these and gets typed values back.
 */
export const STEP_DEFINITIONS = section<StepCategory>()({
  condition,
  switch: switchNode,
  parallel,
  join,
  foreach: forEach,
  loop,
  delay,
  transform,
  'safety-lookup': safetyLookup,
  subworkflow: subWorkflow,
  end,
  approval,
  http,
  connector,
});

/** Every node type, triggers first, in palette order. */
export const NODE_TYPES: readonly NodeDefinition[] = [
  ...Object.values(TRIGGER_DEFINITIONS),
  ...Object.values(STEP_DEFINITIONS),
];

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

/** What an action with these (valid) params acts on, if it names a target. */
export function targetOf(def: NodeDefinition, params: unknown): StepTarget | undefined {
  return def.target?.(params as never);
}

/**
 * The key params of a node as short lines for its body on the canvas; empty for a type
 * this build does not know, and never throws on half-written params.
 */
export function nodeSummary(type: string, params: Record<string, unknown> | undefined): string[] {
  try {
    return nodeDefinition(type)?.summary(params ?? {}) ?? [];
  } catch {
    return [];
  }
}
