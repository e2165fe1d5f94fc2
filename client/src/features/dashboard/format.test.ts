import { describe, expect, test } from 'vitest';
import { duration, percent, plural, rangeOf } from './format';

describe('dashboard formatting', () => {
  test.each([
    [null, '—'],
    [42.4, '42 s'],
    [252, '4 min 12 s'],
    [300, '5 min'],
    [7_500, '2 h 05 min'],
    [7_200, '2 h'],
    [-90, '−1 min 30 s'],
  ])('when a duration is %s seconds then it reads %s', (seconds, text) => {
    expect(duration(seconds)).toBe(text);
  });

  test('when ratios and counts are written then empty ratios are a dash and plurals agree', () => {
    expect(percent(null)).toBe('—');
    expect(percent(0.98173)).toBe('98.2 %');
    expect(plural(1, 'workflow')).toBe('1 workflow');
    expect(plural(3, 'workflow')).toBe('3 workflows');
  });

  test('when a preset range is resolved then it ends at the next whole minute and spans the preset', () => {
    const now = Date.parse('2026-11-20T10:15:30Z');
    expect(rangeOf({ preset: '24h' }, now)).toEqual({
      from: '2026-11-19T10:16:00.000Z',
      to: '2026-11-20T10:16:00.000Z',
    });
    expect(rangeOf({ preset: 'custom', from: 'a', to: 'b' }, now)).toEqual({ from: 'a', to: 'b' });
  });
});
