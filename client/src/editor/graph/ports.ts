import { nodeDefinition, portsOf, type EffectClass, type NodeDefinition, type PortSpec } from '@autonomic/workflow';
import type { CanvasKind } from '../types';

/**
 * The output ports of a node, also while its params are half-written: a definition that
 * cannot read the params (a switch without cases) answers with its defaults' ports.
 */
export function portsOfNode(nodeType: string, params: unknown): PortSpec[] {
  const def = nodeDefinition(nodeType);
  if (!def) return [];
  try {
    return portsOf(def, params);
  } catch {
    try {
      return portsOf(def, def.defaults);
    } catch {
      return [];
    }
  }
}

/** The effect class of a node with these params, `none` when the params cannot say. */
export function effectOfNode(def: NodeDefinition, params: unknown): EffectClass {
  try {
    return def.effect(params as never);
  } catch {
    return 'none';
  }
}

/** Which canvas component draws a node type. */
export function canvasKindOf(nodeType: string): CanvasKind {
  if (nodeType === 'note') return 'note';
  return nodeDefinition(nodeType)?.category === 'trigger' ? 'trigger' : 'step';
}

/** An edge id as the overlays and `documentToGraph` spell it. */
export function edgeId(source: string, port: string, target: string): string {
  return `${source}:${port}->${target}`;
}
