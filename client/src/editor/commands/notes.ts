import { idsOf, freshId } from '../graph/ids';
import type { Command, FlowNode, XY } from '../types';
import { selectOnly, updateNodeData } from './helpers';

/** Adds a sticky note: layout only, never part of the logic or its hash. */
export const addNote: Command<{ position: XY; text?: string; id?: string }> = (graph, { position, text, id }) => {
  const noteId = id ?? freshId(idsOf(graph.nodes), 'note');
  if (graph.nodes.some((n) => n.id === noteId)) return graph;
  const note: FlowNode = {
    id: noteId,
    type: 'note',
    position: { ...position },
    selected: true,
    data: { nodeType: 'note', text: text ?? '' },
  };
  return { ...graph, nodes: [...selectOnly(graph.nodes, new Set()), note] };
};

export const updateNote: Command<{ id: string; text: string }> = (graph, { id, text }) =>
  updateNodeData(graph, id, (d) => (d.nodeType !== 'note' || d.text === text ? d : { ...d, text }));
