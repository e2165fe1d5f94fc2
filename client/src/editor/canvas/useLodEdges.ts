import { useMemo } from 'react';
import type { FlowEdge } from '../types';
import { useZoomedOut } from './lod';

/**
 * The edges as drawn at the current level of detail: zoomed out, straight lines without
 * the invisible 20 px hit area each edge carries (half the SVG, and cheap hit tests while
 * a node moves). A new array only when the edges change or the level flips.
 */
export function useLodEdges<E extends FlowEdge>(edges: E[]): { edges: E[]; zoomedOut: boolean } {
  const zoomedOut = useZoomedOut();
  const drawn = useMemo(
    () => (zoomedOut ? edges.map((e) => ({ ...e, type: 'straight', interactionWidth: 0 })) : edges),
    [edges, zoomedOut],
  );
  return { edges: drawn, zoomedOut };
}
