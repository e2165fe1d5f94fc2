import { edgeId, portsOfNode } from '../graph/ports';
import type { Command } from '../types';

export interface ConnectArgs {
  source: string;
  /** The output port; none means `out`. */
  sourceHandle?: string | null;
  target: string;
}

/** Why a connection is refused, or null when it is allowed. */
export function connectionProblem(graph: Parameters<Command<ConnectArgs>>[0], args: ConnectArgs): string | null {
  const source = graph.nodes.find((n) => n.id === args.source);
  const target = graph.nodes.find((n) => n.id === args.target);
  if (!source || !target) return 'unknown node';
  if (source.type === 'note' || target.type === 'note') return 'notes do not connect';
  if (target.type === 'trigger') return 'a trigger has no input';
  if (source.id === target.id) return 'a step cannot lead to itself';
  const port = args.sourceHandle || 'out';
  if (!portsOfNode(source.data.nodeType, source.data.params).some((p) => p.id === port)) return `no port "${port}"`;
  return null;
}

/**
 * Connects an output port to a step. A port that leads to one step replaces its edge;
 * only a `multiple` port (a parallel fan-out) gains several. Refused connections change nothing.
 */
export const connect: Command<ConnectArgs> = (graph, args) => {
  if (connectionProblem(graph, args) !== null) return graph;
  const source = graph.nodes.find((n) => n.id === args.source);
  const port = args.sourceHandle || 'out';
  const spec = portsOfNode(source?.data.nodeType ?? '', source?.data.params).find((p) => p.id === port);
  const id = edgeId(args.source, port, args.target);
  if (graph.edges.some((e) => e.id === id)) return graph;
  const fromPort = (e: { source: string; sourceHandle?: string | null }) =>
    e.source === args.source && (e.sourceHandle || 'out') === port;
  const kept = spec?.multiple ? graph.edges : graph.edges.filter((e) => !fromPort(e));
  return { ...graph, edges: [...kept, { id, source: args.source, sourceHandle: port, target: args.target }] };
};
