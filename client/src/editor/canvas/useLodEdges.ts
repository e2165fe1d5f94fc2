import type { FlowEdge } from '../types';
import { useZoomedOut } from './lod';

const NO_EDGES: never[] = [];

/**
 * The edges React Flow draws at the current level of detail: none zoomed out, where
 * `<LodEdges>` draws them all as one path (React Flow's per-edge selectors ran for every
 * edge on each frame of a drag). Edge selection waits until the canvas is zoomed in again.
 */
export function useLodEdges<E extends FlowEdge>(edges: E[]): { edges: E[]; zoomedOut: boolean } {
  const zoomedOut = useZoomedOut();
  return { edges: zoomedOut ? NO_EDGES : edges, zoomedOut };
}
