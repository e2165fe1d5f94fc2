import { describe, expect, it } from 'vitest';
import { schemaPaths } from '../panel-host/completions';
import { caseType, retypeCases, retypeValue } from './switchCases';

describe('switch case types', () => {
  it('when the trigger schema lists a field’s values then its completion carries them and the case type is that choice', () => {
    const items = schemaPaths('event', {
      type: 'object',
      properties: { severity: { type: 'string', enum: ['low', 'high'] }, count: { type: 'integer' } },
    });
    expect(caseType(items, 'event.severity')).toEqual({ kind: 'enum', values: ['low', 'high'] });
    expect(caseType(items, 'event.count')).toEqual({ kind: 'number' });
    expect(caseType(items, undefined)).toEqual({ kind: 'unknown' });
  });

  it.each([
    ['5', { kind: 'number' } as const, 5],
    ['-1.5', { kind: 'number' } as const, -1.5],
    ['five', { kind: 'number' } as const, 'five'],
    ['', { kind: 'number' } as const, ''],
    ['true', { kind: 'boolean' } as const, true],
    [5, { kind: 'string' } as const, '5'],
    ['2', { kind: 'enum', values: [1, 2] } as const, 2],
    ['x', { kind: 'unknown' } as const, 'x'],
  ])('when %j is retyped as %j then it is %j', (v, type, want) => {
    expect(retypeValue(v, type)).toBe(want);
  });

  it('when nothing converts then the same cases array comes back (no change to record)', () => {
    const cases = [{ port: 'a', equals: 'x' }];
    expect(retypeCases(cases, { kind: 'number' })).toBe(cases);
    expect(retypeCases([{ port: 'a', equals: '3' }], { kind: 'number' })).toEqual([{ port: 'a', equals: 3 }]);
  });
});
