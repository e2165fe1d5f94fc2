import { describe, expect, it } from 'vitest';
import { step } from '../commands/testing';
import { freePosition } from './placement';

describe('freePosition', () => {
  it('when the spot is free then it is kept', () => {
    expect(freePosition([step('a', 'http', {}, 0)], { x: 1000, y: 0 })).toEqual({ x: 1000, y: 0 });
  });

  it('when a node covers the spot then the new node goes below it', () => {
    const at = freePosition([step('a', 'http', {}, 0)], { x: 10, y: 10 });
    expect(at.x).toBe(10);
    expect(at.y).toBeGreaterThanOrEqual(96);
  });
});
