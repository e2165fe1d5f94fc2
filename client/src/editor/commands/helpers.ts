import type { FlowNode, Graph, NodeData } from '../types';

/** The graph with one node's data replaced; the same graph when the node is missing or unchanged. */
export function updateNodeData(graph: Graph, id: string, fn: (data: NodeData) => NodeData): Graph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    if (n.id !== id) return n;
    const data = fn(n.data);
    if (data === n.data) return n;
    changed = true;
    return { ...n, data };
  });
  return changed ? { ...graph, nodes } : graph;
}

/** Nodes with only `ids` selected (objects kept when their flag does not change). */
export function selectOnly(nodes: FlowNode[], ids: ReadonlySet<string>): FlowNode[] {
  return nodes.map((n) => {
    const selected = ids.has(n.id);
    return Boolean(n.selected) === selected ? n : { ...n, selected };
  });
}

/** Shallow equality of two plain JSON values (for "did anything change"). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
