import type { Command } from '../types';

/** Removes edges by id. */
export const disconnect: Command<{ edgeIds: readonly string[] }> = (graph, { edgeIds }) => {
  const drop = new Set(edgeIds);
  const edges = graph.edges.filter((e) => !drop.has(e.id));
  return edges.length === graph.edges.length ? graph : { ...graph, edges };
};
