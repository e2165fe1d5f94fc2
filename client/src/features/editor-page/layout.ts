import type { UiBlock } from '@autonomic/workflow';
import type { FlowNode, Graph } from '../../editor';

/**
 * A stored layout over a version's graph: positions of the nodes it names, and its notes
 * in place of the version's (moves alone never make a new version).
 */
export function withLayout(graph: Graph, ui: UiBlock): Graph {
  const nodes = graph.nodes
    .filter((n) => n.type !== 'note')
    .map((n) => {
      const p = ui.positions[n.id];
      return p ? { ...n, position: { x: p.x, y: p.y } } : n;
    });
  const notes = ui.notes.map((note): FlowNode => ({
    id: note.id,
    type: 'note',
    position: { x: note.x, y: note.y },
    ...(note.width === undefined ? {} : { width: note.width }),
    ...(note.height === undefined ? {} : { height: note.height }),
    data: { nodeType: 'note', text: note.text },
  }));
  return { ...graph, nodes: [...nodes, ...notes] };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The layout of a graph as text, in a fixed order, to tell whether anything moved since
 * the last save without compiling the graph.
 */
export function layoutKey(graph: Graph): string {
  const sorted = [...graph.nodes].sort(byId);
  return JSON.stringify({
    positions: sorted.filter((n) => n.type !== 'note').map((n) => [n.id, n.position.x, n.position.y]),
    notes: sorted.filter((n) => n.type === 'note').map((n) => [n.id, n.position.x, n.position.y, n.data.text ?? '']),
  });
}
