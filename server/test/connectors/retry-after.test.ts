/** How long a vendor asked to wait: Retry-After's two forms, and a definition's own header (epoch seconds). */
import { describe, expect, it } from 'vitest';
import { askedWaitMs, retryAfterMs } from '../../src/connectors/retry-after';

const NOW = Date.parse('2026-12-05T10:00:00Z');
const EPOCH = NOW / 1_000;

describe('retryAfterMs', () => {
  it.each([
    { case: 'delay seconds', header: '120', form: 'seconds_or_date', expected: 120_000 },
    { case: 'delay seconds with spaces', header: ' 7 ', form: 'seconds_or_date', expected: 7_000 },
    {
      case: 'an HTTP date 90 s ahead',
      header: 'Sat, 05 Dec 2026 10:01:30 GMT',
      form: 'seconds_or_date',
      expected: 90_000,
    },
    { case: 'an HTTP date in the past', header: 'Sat, 05 Dec 2026 09:00:00 GMT', form: 'seconds_or_date', expected: 0 },
    { case: 'text that is neither', header: 'soon', form: 'seconds_or_date', expected: undefined },
    { case: 'epoch seconds 42 s ahead', header: String(EPOCH + 42), form: 'epoch_seconds', expected: 42_000 },
    { case: 'epoch seconds in the past', header: String(EPOCH - 5), form: 'epoch_seconds', expected: 0 },
    {
      case: 'an HTTP date where epoch seconds are expected',
      header: 'Sat, 05 Dec 2026 10:01:30 GMT',
      form: 'epoch_seconds',
      expected: undefined,
    },
    {
      case: 'a fraction where epoch seconds are expected',
      header: `${EPOCH}.5`,
      form: 'epoch_seconds',
      expected: undefined,
    },
  ] as const)('when the header is $case ($form) then the wait is $expected ms', ({ header, form, expected }) => {
    expect(retryAfterMs(header, NOW, form)).toBe(expected);
  });

  it('when the header is absent then there is no wait to honour', () => {
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW, 'epoch_seconds')).toBeUndefined();
  });
});

describe('askedWaitMs', () => {
  const crowdstrike = { header: 'X-RateLimit-RetryAfter', form: 'epoch_seconds' } as const;

  it('when the definition names its header then that header is read, whatever its case in the definition', () => {
    const headers = { 'x-ratelimit-retryafter': String(EPOCH + 3), 'retry-after': '60' };
    expect(askedWaitMs(headers, NOW, crowdstrike)).toBe(3_000);
  });

  it('when the named header is absent or unreadable then the standard Retry-After is read', () => {
    expect(askedWaitMs({ 'retry-after': '60' }, NOW, crowdstrike)).toBe(60_000);
    expect(askedWaitMs({ 'x-ratelimit-retryafter': 'later', 'retry-after': '2' }, NOW, crowdstrike)).toBe(2_000);
  });

  it('when the definition names no header then only Retry-After counts', () => {
    expect(askedWaitMs({ 'x-ratelimit-retryafter': String(EPOCH + 3) }, NOW, undefined)).toBeUndefined();
    expect(askedWaitMs({ 'retry-after': '4' }, NOW, undefined)).toBe(4_000);
  });
});
