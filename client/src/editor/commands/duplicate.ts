import type { Command } from '../types';
import { copyNodes } from './clipboard';
import { paste } from './paste';

/** Copies nodes and the edges among them next to the originals, with new ids; the copies are selected. */
export const duplicate: Command<{ ids: readonly string[] }> = (graph, { ids }) => {
  const payload = copyNodes(graph, ids);
  return payload ? paste(graph, { payload }) : graph;
};
