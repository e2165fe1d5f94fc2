/** JSON a client may send as free data (events, fixtures), bounded before it reaches the engine. */
import { LIMITS } from '@autonomic/workflow';
import { z } from 'zod';

/**
 * Whether a JSON value nests at most `maxDepth` levels and holds at most `maxValues`
 * values. Iterative: a 10,000-deep value costs a loop, not a stack overflow.
 */
export function withinBounds(value: unknown, maxDepth: number = LIMITS.maxDepth, maxValues = 200_000): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    if (++count > maxValues) return false;
    if (typeof top.v !== 'object' || top.v === null) continue;
    if (top.d >= maxDepth) return false;
    for (const child of Object.values(top.v)) stack.push({ v: child, d: top.d + 1 });
  }
  return true;
}

/** Any JSON value within the loader's nesting and size limits. */
export const BoundedJson = z.unknown().refine((v) => withinBounds(v), 'nested too deep or too large');
