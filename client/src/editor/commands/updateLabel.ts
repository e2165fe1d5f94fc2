import type { Command } from '../types';
import { updateNodeData } from './helpers';

/** Renames a node. Edges and expressions use ids, so nothing else changes. */
export const updateLabel: Command<{ id: string; label: string }> = (graph, { id, label }) =>
  updateNodeData(graph, id, (d) => (d.nodeType === 'note' || d.label === label ? d : { ...d, label }));
