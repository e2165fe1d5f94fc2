import { computeLayout } from '../layout/elk';
import type { Graph } from '../types';
import { moveNodes } from './moveNodes';

/**
 * Auto-layout in two halves: the positions are computed asynchronously (ELK), then
 * applied as one `moveNodes` command (one history entry).
 *
 * @example
 * const args = await autoLayoutArgs(store.getState().graph());
 * store.getState().run(moveNodes, args);
 */
export async function autoLayoutArgs(graph: Graph): Promise<Parameters<typeof moveNodes>[1]> {
  return { positions: await computeLayout(graph) };
}
