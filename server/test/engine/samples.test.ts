import { describe, expect, it } from 'vitest';
import { sampleMismatches } from '../../src/engine';

const sample = (expect?: { status?: 'succeeded' | 'failed'; path?: string[] }) => ({
  name: 's',
  event: {},
  fixtures: {},
  ...(expect ? { expect } : {}),
});

describe('sampleMismatches', () => {
  it('when the sample states nothing then any run meets it, unless a default status is asked for', () => {
    expect(sampleMismatches(sample(), { status: 'failed', path: ['a'] })).toEqual([]);
    expect(sampleMismatches(sample(), { status: 'failed', path: ['a'] }, { defaultStatus: 'succeeded' })).toEqual([
      'expected status succeeded, got failed',
    ]);
  });

  it('when the path differs then the mismatch names both paths', () => {
    expect(sampleMismatches(sample({ path: ['a', 'b'] }), { status: 'succeeded', path: ['a'] })).toEqual([
      'expected path a → b, got a',
    ]);
  });

  it('when the stated status and path are met then there is no mismatch', () => {
    expect(sampleMismatches(sample({ status: 'failed', path: ['a'] }), { status: 'failed', path: ['a'] })).toEqual([]);
  });
});
