import { describe, expect, it } from 'vitest';
import { cronProblem } from '../src/validate/cron';

describe('cronProblem', () => {
  it.each([
    '*/15 * * * *',
    '0 9-17 * * MON-FRI',
    '30 2 1,15 * *',
    '0 0 L * ?',
    '0 0 15W * *',
    '0 12 ? JAN-MAR 5#2',
    '0 0 * * 5L',
    '*/30 0 9 * * 1-5',
    '0 0 * * 7',
  ])('when the expression is %s then it is accepted', (cron) => {
    expect(cronProblem(cron)).toBeUndefined();
  });

  it.each([
    ['61 * * * *', 'minute field "61": 61 is out of range 0-59'],
    ['0 24 * * *', 'hour field "24": 24 is out of range 0-23'],
    ['0 0 0 * *', 'day of month field "0": 0 is out of range 1-31'],
    ['0 0 * 13 *', 'month field "13": 13 is out of range 1-12'],
    ['0 0 * FOO *', 'month field "FOO": "FOO" is not a month'],
    ['0 0 * * 8', 'day of week field "8": 8 is out of range 0-7'],
    ['0 17-9 * * *', 'hour field "17-9": range 17-9 goes backwards'],
    ['*/0 * * * *', 'minute field "*/0": step 0 is out of range 1-59'],
    ['? * * * *', 'minute field "?": "?" is only for the day fields'],
    ['* * * *', 'a cron expression has 5 or 6 fields, not 4'],
    ['60 * * * * *', 'second field "60": 60 is out of range 0-59'],
  ])('when the expression is %s then it says %s', (cron, message) => {
    expect(cronProblem(cron)).toBe(message);
  });
});
