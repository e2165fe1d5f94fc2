import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { signedCurlExample } from '../../src/services/triggers';
import { cronInWords } from '../../src/services/triggers/cron-words';
import { DEFAULT_EXAMPLE_EVENT, exampleEvent } from '../../src/services/triggers/example-event';

describe('exampleEvent', () => {
  it.each([
    ['no schema', undefined, DEFAULT_EXAMPLE_EVENT],
    ['an open object', { type: 'object' }, DEFAULT_EXAMPLE_EVENT],
    [
      'required fields by format, enum, minimum and nested object (optional ones left out)',
      {
        type: 'object',
        properties: {
          ip: { type: 'string', format: 'ipv4' },
          severity: { enum: ['high', 'low'] },
          count: { type: 'integer', minimum: 3 },
          host: { type: 'object', properties: { name: { type: 'string', minLength: 2 } }, required: ['name'] },
          note: { type: 'string' },
        },
        required: ['ip', 'severity', 'count', 'host'],
      },
      { ip: '203.0.113.7', severity: 'high', count: 3, host: { name: 'name' } },
    ],
    [
      "the schema's own examples and defaults first",
      {
        type: 'object',
        properties: { a: { type: 'string', examples: ['x1'] }, b: { type: 'boolean', default: true } },
      },
      { a: 'x1', b: true },
    ],
  ])('when the schema is %s then the example fits it', (_name, schema, expected) => {
    expect(exampleEvent(schema)).toEqual(expected);
  });
});

describe('cronInWords', () => {
  it.each([
    ['*/15 * * * *', 'every 15 minutes'],
    ['0 * * * *', 'every hour, on the hour'],
    ['0 2 * * *', 'every day at 02:00'],
    ['30 7 * * 1', 'every Monday at 07:30'],
    ['0 9 * * 1-5', 'every weekday (Monday to Friday) at 09:00'],
    ['0 6 1 * *', 'on day 1 of every month at 06:00'],
    ['0 0 1 1 *', null],
    ['0 0 0 * * *', null],
  ])('when the cron is %s then it reads %s', (cron, words) => {
    expect(cronInWords(cron)).toBe(words);
  });
});

describe('signedCurlExample', () => {
  it('when the event holds a single quote then the shell body is still exactly its JSON', async () => {
    const event = { note: "it's here" };
    const recipe = signedCurlExample('http://localhost/api/hooks/x', 'whsec_x', event)
      .split('\n')
      .slice(0, 2)
      .join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', `${recipe}\nprintf '%s' "$body"`]);
    expect(stdout).toBe(JSON.stringify(event));
  });
});
