import type { FlowEdge, FlowNode } from '../types';

export interface Selection {
  nodes: string[];
  edges: string[];
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The selected ids; the previous object when nothing changed, so that selectors stay quiet. */
export function selectionOf(nodes: readonly FlowNode[], edges: readonly FlowEdge[], previous: Selection): Selection {
  const next = {
    nodes: nodes.filter((n) => n.selected).map((n) => n.id),
    edges: edges.filter((e) => e.selected).map((e) => e.id),
  };
  return sameList(next.nodes, previous.nodes) && sameList(next.edges, previous.edges) ? previous : next;
}
