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

/** The layout block of a document to save, as text to compare with the last saved one. */
export function layoutKey(document: Record<string, unknown> | undefined): string {
  return JSON.stringify(document?.['ui'] ?? null);
}
