import { describe, expect, it } from 'vitest';
import { isInPlainView, type Box } from './useRevealNode';

const box = (left: number, top: number, width: number, height: number): Box => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

const canvas = box(0, 0, 800, 600);
const minimap = box(590, 440, 200, 150);

describe('isInPlainView (a dropped node is panned to when hidden)', () => {
  it('when the node is inside the canvas and clear of the minimap then it needs no pan', () => {
    expect(isInPlainView(box(100, 100, 216, 96), canvas, [minimap])).toBe(true);
  });

  it('when the node lies partly under the minimap then it needs a pan', () => {
    expect(isInPlainView(box(500, 400, 216, 96), canvas, [minimap])).toBe(false);
  });

  it('when the node sticks out of the canvas then it needs a pan', () => {
    expect(isInPlainView(box(700, 100, 216, 96), canvas, [])).toBe(false);
  });
});
