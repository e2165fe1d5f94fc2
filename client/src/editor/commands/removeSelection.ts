import type { Command } from '../types';

export interface SelectionArgs {
  nodes: readonly string[];
  edges: readonly string[];
}

/** Removes the nodes with every edge touching them, and the edges. */
export const removeSelection: Command<SelectionArgs> = (graph, selection) => {
  const nodeIds = new Set(selection.nodes);
  const edgeIds = new Set(selection.edges);
  const nodes = graph.nodes.filter((n) => !nodeIds.has(n.id));
  const edges = graph.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target));
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return graph;
  return { ...graph, nodes, edges };
};
