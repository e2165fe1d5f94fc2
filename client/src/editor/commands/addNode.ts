import { nodeDefinition } from '@autonomic/workflow';
import { idBase, idsOf, freshId } from '../graph/ids';
import { cloneJson } from '../graph/json';
import { canvasKindOf } from '../graph/ports';
import type { Command, FlowNode, XY } from '../types';
import { selectOnly } from './helpers';

export interface AddNodeArgs {
  nodeType: string;
  /** Top-left corner in flow coordinates. */
  position: XY;
  /** @default a fresh readable id, `<type>_<n>` */
  id?: string;
  /** Params set over the type's defaults (a connector step's pinned action). */
  params?: Record<string, unknown>;
  /** @default the type's label */
  label?: string;
}

/** The id `addNode` would give a node of this type. */
export function nextNodeId(nodes: readonly { id: string }[], nodeType: string): string {
  return freshId(idsOf(nodes), idBase(nodeType));
}

/** Adds a node of a catalogue type with its defaults (and `params` over them), selected alone. Unknown types change nothing. */
export const addNode: Command<AddNodeArgs> = (graph, { nodeType, position, id, params, label }) => {
  const def = nodeDefinition(nodeType);
  if (!def) return graph;
  const nodeId = id ?? nextNodeId(graph.nodes, nodeType);
  if (graph.nodes.some((n) => n.id === nodeId)) return graph;
  const node: FlowNode = {
    id: nodeId,
    type: canvasKindOf(nodeType),
    position: { x: position.x, y: position.y },
    selected: true,
    data: { nodeType, label: label ?? def.label, params: cloneJson({ ...def.defaults, ...params }) },
  };
  return { ...graph, nodes: [...selectOnly(graph.nodes, new Set()), node] };
};
