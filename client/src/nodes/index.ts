/**
 * The client's node registry: one folder per catalogue type (glyph and body summary).
 * Adding a node type = its folder + one line here; `registry.test.ts` checks that this
 * list and `NODE_TYPES` from workflow/ agree.
 */
import { manualTrigger } from './trigger.manual';
import { webhookTrigger } from './trigger.webhook';
import { scheduleTrigger } from './trigger.schedule';
import { condition } from './condition';
import { switchNode } from './switch';
import { parallel } from './parallel';
import { join } from './join';
import { forEach } from './foreach';
import { delay } from './delay';
import { transform } from './transform';
import { subWorkflow } from './subworkflow';
import { end } from './end';
import { approval } from './approval';
import { http } from './http';
import { notify } from './notify';
import { blockIp } from './block-ip';
import { isolateHost } from './isolate-host';
import { disableUser } from './disable-user';
import type { ClientNodeType } from './types';

export type { ClientNodeType } from './types';

export const CLIENT_NODES: readonly ClientNodeType[] = [
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
];

const BY_TYPE = new Map(CLIENT_NODES.map((n) => [n.type, n]));

/** The client side of a node type, or undefined for a type this build does not know. */
export function clientNode(type: string): ClientNodeType | undefined {
  return BY_TYPE.get(type);
}

/** The key params of a node as short lines; never throws on half-written params. */
export function summaryOf(type: string, params: Record<string, unknown> | undefined): string[] {
  try {
    return clientNode(type)?.summary(params ?? {}) ?? [];
  } catch {
    return [];
  }
}
