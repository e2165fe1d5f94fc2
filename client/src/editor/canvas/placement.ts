import { NODE_SIZE, type FlowNode, type XY } from '../types';

const overlaps = (n: FlowNode, p: XY) => {
  const w = n.measured?.width ?? NODE_SIZE.width;
  const h = n.measured?.height ?? NODE_SIZE.height;
  return (
    p.x < n.position.x + w &&
    p.x + NODE_SIZE.width > n.position.x &&
    p.y < n.position.y + h &&
    p.y + NODE_SIZE.height > n.position.y
  );
};

/** `p`, moved down in steps until a new node there would cover no other node (at most 20 steps). */
export function freePosition(nodes: readonly FlowNode[], p: XY): XY {
  let at = { ...p };
  for (let i = 0; i < 20 && nodes.some((n) => overlaps(n, at)); i++) at = { x: at.x, y: at.y + 40 };
  return at;
}
