/**
 * Whether the graph is the one last loaded or saved, by content, not by a dirty flag: an
 * edit undone (or typed and deleted again) brings the editor back to "nothing changed".
 */
import type { Graph } from '../types';

/** JSON with every object's keys sorted, so that `{a, b}` and `{b, a}` read the same. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * What a save stores of a graph, as one string: each node's id, kind, position and data,
 * each edge's ends, the metadata, vars and test cases. Selection, measured sizes and the
 * order of nodes are left out: they change nothing that is saved.
 */
export function graphKey(g: Graph): string {
  return stable({
    nodes: byId(g.nodes).map((n) => ({ id: n.id, type: n.type, position: n.position, data: n.data })),
    edges: byId(g.edges).map((e) => [e.id, e.source, e.sourceHandle ?? null, e.target, e.targetHandle ?? null]),
    metadata: g.metadata,
    vars: g.vars,
    tests: g.tests,
    onFailure: g.onFailure ?? null,
  });
}

/** The saved graph and, once asked, its key (computed only when the cheap same-objects test fails). */
export interface SavedState {
  graph: Graph;
  key: string | undefined;
}

export const savedStateOf = (graph: Graph): SavedState => ({ graph, key: undefined });

/**
 * Whether `g` has the saved content. Undo puts back the very objects history kept, so
 * the common case is answered by identity without serialising anything.
 */
export function isSaved(saved: SavedState, g: Graph): boolean {
  const s = saved.graph;
  if (
    s.nodes === g.nodes &&
    s.edges === g.edges &&
    s.metadata === g.metadata &&
    s.vars === g.vars &&
    s.tests === g.tests &&
    (s.onFailure ?? null) === (g.onFailure ?? null)
  )
    return true;
  saved.key ??= graphKey(s);
  return graphKey(g) === saved.key;
}
