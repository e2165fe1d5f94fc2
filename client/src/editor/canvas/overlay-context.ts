import { createContext, useContext } from 'react';
import type { CanvasOverlay, NodeDecoration, NodeMarker } from '../contracts';

/** The overlay the canvas draws (diff, trace), for the node components. */
export const CanvasOverlayContext = createContext<CanvasOverlay | null>(null);

export function useNodeDecoration(id: string): NodeDecoration | undefined {
  return useContext(CanvasOverlayContext)?.nodes[id];
}

/** Whether the node is on the overlay's drawn path (a safety policy's offending path). */
export function useOnOverlayPath(id: string): boolean {
  return useContext(CanvasOverlayContext)?.path?.nodes.includes(id) ?? false;
}

/** The page's marker on the node (a comment count), if any. */
export function useNodeMarker(id: string): NodeMarker | undefined {
  return useContext(CanvasOverlayContext)?.markers?.[id];
}
