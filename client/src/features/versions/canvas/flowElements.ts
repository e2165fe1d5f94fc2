import { nodeDefinition, NOTE_TYPE, type EditorGraph, type EditorNode } from '@autonomic/workflow';
import type { Edge as FlowEdge, Node } from '@xyflow/react';
import type { CanvasOverlay, NodeDecoration } from '../../../editor/contracts';

/** What a read-only node shows: plain data, no callbacks. */
export interface OverlayNodeData extends Record<string, unknown> {
  label: string;
  nodeType: string;
  category: string;
  decoration?: NodeDecoration;
  /** Drawn from the older graph: a step that was removed. */
  ghost: boolean;
  /** Sticky-note text. */
  text?: string;
}

export type FlowNode = Node<OverlayNodeData, 'overlay'>;

/** Parses the `${source}:${port}->${target}` id of an edge that is only in the overlay (removed in a diff). */
export function parseEdgeId(id: string): { source: string; port: string; target: string } | null {
  const m = /^(.+?):(.+?)->(.+)$/.exec(id);
  return m && m[1] && m[2] && m[3] ? { source: m[1], port: m[2], target: m[3] } : null;
}

function toFlowNode(
  n: EditorNode,
  overlay: CanvasOverlay | undefined,
  ghost: boolean,
  selectedId: string | null | undefined,
): FlowNode {
  const nodeType = n.data.nodeType;
  const label = n.data.label || n.id;
  const decoration = overlay?.nodes[n.id];
  const data: OverlayNodeData = { label, nodeType, category: nodeDefinition(nodeType)?.category ?? 'note', ghost };
  if (decoration) data.decoration = decoration;
  if (n.data.text !== undefined) data.text = n.data.text;
  const state = decoration ? `, ${decoration.state}${decoration.note ? `: ${decoration.note}` : ''}` : '';
  const flow: FlowNode = {
    id: n.id,
    type: 'overlay',
    position: n.position,
    data,
    selected: n.id === selectedId,
    ariaLabel: nodeType === NOTE_TYPE ? `Note: ${n.data.text ?? ''}` : `${label} (${nodeType})${state}`,
  };
  if (decoration) flow.className = `ov-${decoration.state}`;
  return flow;
}

/**
 * The nodes and edges @xyflow/react draws for a graph and an overlay: ghosts join the
 * graph's nodes, edges carry their overlay state as a class, and an edge only the
 * overlay knows (removed in a diff) is drawn from its id.
 */
export function flowElements(graph: EditorGraph, overlay?: CanvasOverlay, selectedId?: string | null) {
  const nodes = [
    ...graph.nodes.map((n) => toFlowNode(n, overlay, false, selectedId)),
    ...(overlay?.ghosts ?? []).map((n) => toFlowNode(n, overlay, true, selectedId)),
  ];
  const known = new Set(nodes.map((n) => n.id));
  const edgeOf = (id: string, source: string, port: string, target: string): FlowEdge => {
    const state = overlay?.edges?.[id];
    const e: FlowEdge = { id, source, target };
    if (port !== 'out') e.label = port;
    if (state) e.className = `ov-edge-${state}`;
    if (state === 'taken') e.animated = true;
    return e;
  };
  const edges = graph.edges.map((e) => edgeOf(e.id, e.source, e.sourceHandle ?? 'out', e.target));
  const drawn = new Set(edges.map((e) => e.id));
  for (const [id, state] of Object.entries(overlay?.edges ?? {})) {
    const p = state === 'removed' && !drawn.has(id) ? parseEdgeId(id) : null;
    if (p && known.has(p.source) && known.has(p.target)) edges.push(edgeOf(id, p.source, p.port, p.target));
  }
  return { nodes, edges };
}
