import { portsOfNode } from './ports';
import type { Graph } from '../types';

/** A node as a person names it: its title, and its id when the title does not say it. */
export function titleOf(graph: Pick<Graph, 'nodes'>, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  const label = node?.data.label?.trim();
  return label && label !== id ? `${label} (${id})` : id;
}

export interface PortChoice {
  id: string;
  label: string;
  /** Several steps may follow it (a parallel fan-out); otherwise connecting replaces its edge. */
  multiple: boolean;
  /** The steps it leads to now. */
  targets: string[];
}

export interface ConnectionLine {
  edgeId: string;
  /** "Check IP (check_ip) · True → Block (block_1)" */
  text: string;
}

export interface ConnectChoices {
  ports: PortChoice[];
  /** Steps the node may lead to: neither itself, a trigger nor a note; by title. */
  targets: Array<{ id: string; title: string }>;
  /** Every edge from or to the node, in words. */
  lines: ConnectionLine[];
}

/**
 * What the keyboard "Connect" dialog offers for one node: its output ports (and where
 * they lead), the steps it could lead to, and its edges to remove.
 */
export function connectChoices(graph: Pick<Graph, 'nodes' | 'edges'>, nodeId: string): ConnectChoices {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node || node.type === 'note') return { ports: [], targets: [], lines: [] };
  const portOf = (h: string | null | undefined) => h || 'out';
  const ports = portsOfNode(node.data.nodeType, node.data.params).map((p) => ({
    id: p.id,
    label: p.label,
    multiple: Boolean(p.multiple),
    targets: graph.edges.filter((e) => e.source === nodeId && portOf(e.sourceHandle) === p.id).map((e) => e.target),
  }));
  const targets = graph.nodes
    .filter((n) => n.id !== nodeId && n.type === 'step')
    .map((n) => ({ id: n.id, title: titleOf(graph, n.id) }))
    .sort((a, b) => a.title.localeCompare(b.title));
  const portLabel = (sourceId: string, port: string) => {
    const source = graph.nodes.find((n) => n.id === sourceId);
    const spec = source && portsOfNode(source.data.nodeType, source.data.params).find((p) => p.id === port);
    return spec?.label ?? port;
  };
  const lines = graph.edges
    .filter((e) => e.source === nodeId || e.target === nodeId)
    .map((e) => ({
      edgeId: e.id,
      text: `${titleOf(graph, e.source)} · ${portLabel(e.source, portOf(e.sourceHandle))} → ${titleOf(graph, e.target)}`,
    }));
  return { ports, targets, lines };
}
