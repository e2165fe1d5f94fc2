import type { FlowNode, XY } from '../types';

/** How far an arrow key moves the selection (React Flow's own step); with Shift, further. */
export const NUDGE = 5;
export const NUDGE_FAR = 50;

const DIRECTIONS: Readonly<Record<string, XY>> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};

/** The selected nodes' new positions for an arrow key; null for another key or no selection. */
export function nudged(nodes: readonly FlowNode[], key: string, far: boolean): Record<string, XY> | null {
  const d = DIRECTIONS[key];
  const selected = nodes.filter((n) => n.selected);
  if (!d || selected.length === 0) return null;
  const step = far ? NUDGE_FAR : NUDGE;
  return Object.fromEntries(
    selected.map((n) => [n.id, { x: n.position.x + d.x * step, y: n.position.y + d.y * step }]),
  );
}
