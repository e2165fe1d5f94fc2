import { describe, expect, it } from 'vitest';
import { COLORS, contrastRatio } from './colors';

describe('chart colours', () => {
  it('when the ratio is measured on known pairs then it matches WCAG (black/white 21, the old p50 blue 2.2)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#8fb0f5', '#ffffff')).toBeCloseTo(2.17, 2);
  });

  it.each(Object.entries(COLORS))('when %s (%s) colours a legend label on white then it reaches 4.5:1', (_, hex) => {
    expect(contrastRatio(hex, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
