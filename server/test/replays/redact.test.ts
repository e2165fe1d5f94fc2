/** Events stored for replay never keep a secret: every secret-named key, at any depth, is redacted. */
import { describe, expect, it } from 'vitest';
import { REDACTED, redactEvent } from '../../src/services/replays/redact';

describe('redactEvent', () => {
  it.each([
    ['password', { password: 'hunter2' }, { password: REDACTED }],
    ['passphrase and pass', { passphrase: 'x', pass: 'y' }, { passphrase: REDACTED, pass: REDACTED }],
    ['any case', { Client_Secret: 's', ACCESS_TOKEN: 't' }, { Client_Secret: REDACTED, ACCESS_TOKEN: REDACTED }],
    [
      'api keys',
      { apiKey: 'a', 'api-key': 'b', api_key: 'c' },
      { apiKey: REDACTED, 'api-key': REDACTED, api_key: REDACTED },
    ],
    [
      'authorisation both spellings',
      { Authorization: 'Bearer x', authorisation: 'y' },
      { Authorization: REDACTED, authorisation: REDACTED },
    ],
    ['cookie and signature', { cookie: 'sid=1', 'x-signature': 'abc' }, { cookie: REDACTED, 'x-signature': REDACTED }],
    ['private keys', { privateKey: 'k', private_key: 'k' }, { privateKey: REDACTED, private_key: REDACTED }],
    [
      'nested at any depth, in arrays',
      { alert: { ip: '198.51.100.7', auth: [{ token: 't', user: 'bob' }] } },
      { alert: { ip: '198.51.100.7', auth: [{ token: REDACTED, user: 'bob' }] } },
    ],
    ['an object value is redacted whole', { secret: { a: 1 } }, { secret: REDACTED }],
    [
      'other keys stay as they are',
      { ip: '203.0.113.7', severity: 'high', n: 3 },
      { ip: '203.0.113.7', severity: 'high', n: 3 },
    ],
    ['scalars and null', 'plain', 'plain'],
    ['null', null, null],
  ])('when the event has %s then it is stored as expected', (_name, input, expected) => {
    expect(redactEvent(input)).toEqual(expected);
  });

  it('when an event is redacted then the original is left unchanged', () => {
    const event = { token: 't', nested: { password: 'p' } };
    redactEvent(event);
    expect(event).toEqual({ token: 't', nested: { password: 'p' } });
  });
});
