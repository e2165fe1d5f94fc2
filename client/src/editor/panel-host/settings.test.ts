import { describe, expect, it } from 'vitest';
import { settingsChange, settingsOf } from './settings';

describe('step settings mapping', () => {
  it('when only the label changes then only a label is reported', () => {
    expect(settingsChange({ label: 'a', timeout: '5s' }, { label: 'b', timeout: '5s' })).toEqual({ label: 'b' });
  });

  it('when the timeout is cleared and a retry set then both are reported (null removes)', () => {
    expect(settingsChange({ timeout: '5s' }, { retry: { maxAttempts: 3 } })).toEqual({
      timeout: null,
      retry: { maxAttempts: 3 },
    });
  });

  it('when read from node data then unset settings stay unset', () => {
    expect(settingsOf({ nodeType: 'http', label: 'x' })).toEqual({ label: 'x' });
  });
});
