import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useCallback } from 'react';
import type { FlowEdge } from '../types';

/**
 * The straight lines of `edges` whose ends are (`moving`) or are not selected: from the
 * middle of a box's right side to the middle of the next one's left side.
 */
function pathOf(s: ReactFlowState, edges: readonly FlowEdge[], moving: boolean): string {
  let d = '';
  for (const e of edges) {
    const a = s.nodeLookup.get(e.source);
    const b = s.nodeLookup.get(e.target);
    if (!a || !b || Boolean(a.selected || b.selected) !== moving) continue;
    const from = a.internals.positionAbsolute;
    const to = b.internals.positionAbsolute;
    const ax = from.x + (a.measured.width ?? 0);
    const ay = from.y + (a.measured.height ?? 0) / 2;
    const by = to.y + (b.measured.height ?? 0) / 2;
    d += `M${ax.toFixed(0)} ${ay.toFixed(0)}L${to.x.toFixed(0)} ${by.toFixed(0)}`;
  }
  return d;
}

/**
 * Every edge zoomed out, as SVG paths of straight lines: one element and one store
 * subscription each instead of React Flow's per-edge SVG group and per-edge position
 * selector, which each frame of a drag ran for all of them. The edges of selected nodes
 * (what a drag moves) are a path of their own, so a drag repaints those lines only, not
 * the whole graph's. Not interactive (nothing to hit at this size).
 */
export function LodEdges({ edges }: { edges: readonly FlowEdge[] }) {
  const still = useStore(useCallback((s: ReactFlowState) => pathOf(s, edges, false), [edges]));
  const moving = useStore(useCallback((s: ReactFlowState) => pathOf(s, edges, true), [edges]));
  return (
    <ViewportPortal>
      <svg className="lod-edges" aria-hidden="true" data-testid="lod-edges">
        <path d={still} />
        <path d={moving} />
      </svg>
    </ViewportPortal>
  );
}
