import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { NODE_SIZE, type XY } from '../types';

/** A function giving the top-left position that centres a new node in the visible canvas. */
export function useViewportCentre(): () => XY {
  const { screenToFlowPosition } = useReactFlow();
  const rf = useStoreApi();
  return useCallback(() => {
    const rect = rf.getState().domNode?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    const centre = screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    return { x: Math.round(centre.x - NODE_SIZE.width / 2), y: Math.round(centre.y - NODE_SIZE.height / 2) };
  }, [rf, screenToFlowPosition]);
}
