import type { Command } from '../types';
import { sameJson, updateNodeData } from './helpers';

/** Replaces a node's params (the config form's whole value). */
export const updateParams: Command<{ id: string; params: Record<string, unknown> }> = (graph, { id, params }) =>
  updateNodeData(graph, id, (d) => (d.nodeType === 'note' || sameJson(d.params, params) ? d : { ...d, params }));
