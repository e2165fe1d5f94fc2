import type { Command } from '../types';
import { sameJson, updateNodeData } from './helpers';

/** Sets the JSON Schema of the event a trigger brings (what `event.*` completes to). */
export const updateInputSchema: Command<{ id: string; inputSchema: Record<string, unknown> }> = (
  graph,
  { id, inputSchema },
) =>
  updateNodeData(graph, id, (d) => {
    const node = graph.nodes.find((n) => n.id === id);
    return node?.type !== 'trigger' || sameJson(d.inputSchema, inputSchema) ? d : { ...d, inputSchema };
  });
