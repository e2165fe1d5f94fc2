import type { FlowNode, XY } from '../types';

/** `p`, moved down-right in steps until no node starts within a few pixels of it. */
export function freePosition(nodes: readonly FlowNode[], p: XY): XY {
  let at = { ...p };
  for (
    let i = 0;
    i < 50 && nodes.some((n) => Math.abs(n.position.x - at.x) < 12 && Math.abs(n.position.y - at.y) < 12);
    i++
  ) {
    at = { x: at.x + 32, y: at.y + 32 };
  }
  return at;
}
