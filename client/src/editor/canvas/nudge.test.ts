import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../commands/testing';
import { NUDGE, NUDGE_FAR, nudged } from './nudge';

const withSelected = (...ids: string[]) => sampleGraph().nodes.map((n) => ({ ...n, selected: ids.includes(n.id) }));

describe('nudged (arrow keys on the canvas)', () => {
  it('when an arrow is pressed then only the selected nodes move by one step that way', () => {
    expect(nudged(withSelected('http_1'), 'ArrowRight', false)).toEqual({ http_1: { x: 300 + NUDGE, y: 0 } });
    expect(nudged(withSelected('http_1', 'condition_1'), 'ArrowUp', true)).toEqual({
      http_1: { x: 300, y: -NUDGE_FAR },
      condition_1: { x: 600, y: -NUDGE_FAR },
    });
  });

  it('when nothing is selected or the key is not an arrow then there is nothing to move', () => {
    expect(nudged(withSelected(), 'ArrowLeft', false)).toBeNull();
    expect(nudged(withSelected('http_1'), 'a', false)).toBeNull();
  });
});
