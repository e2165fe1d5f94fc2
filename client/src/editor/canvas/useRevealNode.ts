import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { NODE_SIZE } from '../types';

/** What covers the canvas: the minimap and the toolbar. */
const OVERLAYS = '.react-flow__minimap, .canvas-toolbar';

/** The edges of a box on screen (a DOMRect has them). */
export type Box = Pick<DOMRect, 'left' | 'right' | 'top' | 'bottom'>;

const intersects = (a: Box, b: Box) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

/** Whether a node's box is wholly on the canvas and under none of its overlays. */
export function isInPlainView(node: Box, canvas: Box, overlays: readonly Box[]): boolean {
  const inside =
    node.left >= canvas.left && node.right <= canvas.right && node.top >= canvas.top && node.bottom <= canvas.bottom;
  return inside && !overlays.some((o) => intersects(node, o));
}

/**
 * A function that pans the view to centre a node when it lands out of view or under the
 * minimap or the toolbar (a drop near the canvas's edge), once it has been drawn.
 */
export function useRevealNode(): (id: string) => void {
  const rf = useStoreApi();
  const { setCenter, getZoom, getNode } = useReactFlow();
  return useCallback(
    (id: string) => {
      window.requestAnimationFrame(() => {
        const pane = rf.getState().domNode;
        const el = pane?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
        const node = getNode(id);
        if (!pane || !el || !node) return;
        const overlays = [...pane.querySelectorAll(OVERLAYS)].map((o) => o.getBoundingClientRect());
        if (isInPlainView(el.getBoundingClientRect(), pane.getBoundingClientRect(), overlays)) return;
        const w = node.measured?.width ?? NODE_SIZE.width;
        const h = node.measured?.height ?? NODE_SIZE.height;
        void setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: getZoom(), duration: 200 });
      });
    },
    [rf, setCenter, getZoom, getNode],
  );
}
