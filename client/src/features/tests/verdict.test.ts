import { describe, expect, it } from 'vitest';
import { editedVerdict } from './verdict';

describe('a case edited since the save', () => {
  it('when it means the same (defaults left out, keys in another order) then its results stand', () => {
    const saved = {
      name: 'a',
      event: { ip: '192.0.2.1', n: 1 },
      fixtures: {},
      approvals: {},
      expect: { status: 'succeeded' },
    };
    expect(
      editedVerdict({ expect: { status: 'succeeded' }, event: { n: 1, ip: '192.0.2.1' }, name: 'a' }, saved),
    ).toBeNull();
  });

  it('when anything it says changed then it is stale; a case the save did not have is not run', () => {
    const saved = { name: 'a', event: { ip: '192.0.2.1' }, expect: { status: 'succeeded' } };
    expect(editedVerdict({ ...saved, expect: { status: 'failed' } }, saved)).toBe('stale');
    expect(editedVerdict(saved, undefined)).toBe('not run');
  });
});
