import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useCallback } from 'react';
import type { FlowEdge } from '../types';

/**
 * Every edge zoomed out, as one SVG path of straight lines from the middle of a box's right
 * side to the middle of the next one's left side. One element and one store subscription
 * instead of React Flow's per-edge SVG group and per-edge position selector, which each
 * frame of a drag ran for all of them. Not interactive (nothing to hit at this size).
 */
export function LodEdges({ edges }: { edges: readonly FlowEdge[] }) {
  const path = useStore(
    useCallback(
      (s: ReactFlowState) => {
        let d = '';
        for (const e of edges) {
          const a = s.nodeLookup.get(e.source);
          const b = s.nodeLookup.get(e.target);
          if (!a || !b) continue;
          const from = a.internals.positionAbsolute;
          const to = b.internals.positionAbsolute;
          const ax = from.x + (a.measured.width ?? 0);
          const ay = from.y + (a.measured.height ?? 0) / 2;
          const by = to.y + (b.measured.height ?? 0) / 2;
          d += `M${ax.toFixed(0)} ${ay.toFixed(0)}L${to.x.toFixed(0)} ${by.toFixed(0)}`;
        }
        return d;
      },
      [edges],
    ),
  );
  return (
    <ViewportPortal>
      <svg className="lod-edges" aria-hidden="true" data-testid="lod-edges">
        <path d={path} />
      </svg>
    </ViewportPortal>
  );
}
