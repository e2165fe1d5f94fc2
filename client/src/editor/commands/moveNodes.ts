import type { Command, XY } from '../types';

/** Moves nodes to new positions (auto-layout, keyboard nudges, a finished drag). */
export const moveNodes: Command<{ positions: Readonly<Record<string, XY>> }> = (graph, { positions }) => {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const p = positions[n.id];
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...graph, nodes } : graph;
};
