import type { Graph } from '../types';

/** At most this many undo steps are kept. */
export const HISTORY_LIMIT = 200;

/** How long consecutive edits with the same coalesce key (typing in one field) stay one undo step. */
export const COALESCE_MS = 1_500;

/** The content of a graph (what history snapshots hold): arrays are shared, never copied. */
export function snapshot(g: Graph): Graph {
  return {
    nodes: g.nodes,
    edges: g.edges,
    metadata: g.metadata,
    vars: g.vars,
    tests: g.tests,
    // Always written (null for none): a store update merges, so an absent key would keep the old handler.
    onFailure: g.onFailure ?? null,
  };
}

export function pushBounded(stack: readonly Graph[], g: Graph): Graph[] {
  const next = [...stack, g];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

/** Whether two node lists place every node at the same position (a drag that moved nothing). */
export function samePositions(a: Graph['nodes'], b: Graph['nodes']): boolean {
  if (a.length !== b.length) return false;
  return a.every((n, i) => {
    const m = b[i];
    return m !== undefined && m.id === n.id && m.position.x === n.position.x && m.position.y === n.position.y;
  });
}
