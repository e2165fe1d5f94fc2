import { describe, expect, test } from 'vitest';
import { pathDiff, sideText } from './pathDiff';

describe('pathDiff', () => {
  test('when the candidate takes another branch then the shared steps are split off and each side keeps its own', () => {
    expect(pathDiff(['enrich', 'check', 'block_ip'], ['enrich', 'check', 'notify', 'close'])).toEqual({
      shared: ['enrich', 'check'],
      live: ['block_ip'],
      candidate: ['notify', 'close'],
    });
  });

  test('when the candidate stops earlier then its own part is empty and it reads as stopping after the last shared step', () => {
    const d = pathDiff(['enrich', 'check', 'block_ip'], ['enrich', 'check']);
    expect(d.candidate).toEqual([]);
    expect(sideText(d.shared, d.candidate)).toBe('stops after check');
    expect(sideText(d.shared, d.live)).toBe('… → block_ip');
  });

  test('when the paths part at the first step then nothing is shared and no dots are written', () => {
    const d = pathDiff(['a', 'b'], ['c']);
    expect(d.shared).toEqual([]);
    expect(sideText(d.shared, d.live)).toBe('a → b');
    expect(sideText([], [])).toBe('nothing ran');
  });
});
