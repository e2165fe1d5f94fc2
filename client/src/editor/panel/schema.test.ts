import { describe, expect, it } from 'vitest';
import { defaultFor, fieldKind, humanise, singular } from './schema';

describe('schema helpers', () => {
  it('when shapes differ then each gets its field kind', () => {
    expect(fieldKind({ type: 'string', enum: ['a'] })).toBe('enum');
    expect(fieldKind({ type: 'object', additionalProperties: { type: 'string' } })).toBe('record');
    expect(fieldKind({ type: 'array', items: { type: 'string', enum: ['x'] } })).toBe('enumList');
    expect(fieldKind({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('nullable');
    expect(fieldKind({ type: ['string', 'number', 'boolean', 'null'] })).toBe('scalar');
    expect(fieldKind({})).toBe('json');
  });

  it('when a new object is made then required properties get defaults, first choices or empty text', () => {
    const s = {
      type: 'object',
      properties: {
        after: { type: 'string' },
        kind: { type: 'string', enum: ['a', 'b'] },
        on: { type: 'boolean', default: true },
        label: { type: 'string' },
      },
      required: ['after', 'kind', 'on'],
    };
    expect(defaultFor(s)).toEqual({ after: '', kind: 'a', on: true });
  });

  it('when names are humanised then camel case, acronyms and units read as words', () => {
    expect(humanise('expectStatus')).toBe('Expect status');
    expect(humanise('maxDelayMs')).toBe('Max delay (ms)');
    expect(humanise('ip')).toBe('IP');
    expect(singular('Cases')).toBe('Case');
    expect(singular('Expect status')).toBe('Expect status');
  });
});
