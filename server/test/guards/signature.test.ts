/**
 * Webhook signatures, the pure half of the webhook guard (the route and its replay
 * checks are in ops/webhook.test.ts): what a header must look like to be read at all,
 * and that a signature only matches the exact secret, timestamp and body it was made of.
 * The expected digest comes from openssl, as the README's recipe computes it.
 */
import { describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  parseSignatureHeader,
  parseTimestampHeader,
  REPLAY_WINDOW_SECONDS,
  signatureMatches,
  signWebhook,
} from '../../src/services/triggers/signature';

const SECRET = 'whsec_test-secret';
const TS = '1700000000';
const BODY = '{"alert":"scan"}';
// printf '%s.%s' 1700000000 '{"alert":"scan"}' | openssl dgst -sha256 -hmac whsec_test-secret
const DIGEST = 'bced5166bbfae401c207e017f200409f3db9e75419c355614b4772f7d4d807a9';

describe('guards, webhook signatures: signing', () => {
  it('when a body is signed then the digest is the one openssl computes for "<timestamp>.<body>"', () => {
    expect(signWebhook(SECRET, TS, BODY)).toBe(DIGEST);
    expect(signWebhook(Buffer.from(SECRET), TS, Buffer.from(BODY))).toBe(DIGEST);
  });

  it('when a secret is generated then it is prefixed, 32 random bytes in base64url, and new each time', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();

    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice('whsec_'.length), 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('when a request is older or newer than five minutes then it is outside the replay window', () => {
    expect(REPLAY_WINDOW_SECONDS).toBe(5 * 60);
  });
});

describe('guards, webhook signatures: reading the headers', () => {
  it.each([
    [`sha256=${DIGEST}`, DIGEST],
    [`  sha256=${DIGEST}  `, DIGEST],
    [`SHA256=${DIGEST.toUpperCase()}`, DIGEST],
  ])('when the signature header is %j then it reads as the 32 digest bytes', (header, hex) => {
    expect(parseSignatureHeader(header)?.toString('hex')).toBe(hex);
  });

  it.each([
    [undefined],
    [''],
    [DIGEST],
    [`sha1=${DIGEST}`],
    [`sha256=${DIGEST.slice(1)}`],
    [`sha256=${DIGEST}0`],
    [`sha256=${DIGEST.slice(1)}g`],
    [`xsha256=${DIGEST}`],
    [`sha256=${DIGEST} extra`],
    [`sha256= ${DIGEST}`],
  ])('when the signature header is %j then it is not a signature', (header) => {
    expect(parseSignatureHeader(header)).toBeUndefined();
  });

  it.each([
    ['1700000000', 1_700_000_000],
    [' 1700000000 ', 1_700_000_000],
    ['0', 0],
    ['999999999999', 999_999_999_999],
  ])('when the timestamp header is %j then it reads as %d', (header, seconds) => {
    expect(parseTimestampHeader(header)).toBe(seconds);
  });

  it.each([[undefined], [''], ['  '], ['-1'], ['1.5'], ['1e9'], ['0x10'], ['17000000a'], ['1000000000000'], ['1 2']])(
    'when the timestamp header is %j then it is not a timestamp',
    (header) => {
      expect(parseTimestampHeader(header)).toBeUndefined();
    },
  );
});

describe('guards, webhook signatures: matching', () => {
  const secret = Buffer.from(SECRET);
  const body = Buffer.from(BODY);
  const signature = Buffer.from(DIGEST, 'hex');

  it('when the secret, timestamp and body are the signed ones then the signature matches', () => {
    expect(signatureMatches(secret, TS, body, signature)).toBe(true);
  });

  it.each([
    ['another secret', Buffer.from('whsec_other'), TS, body, signature],
    ['another timestamp', secret, '1700000001', body, signature],
    ['a changed body', secret, TS, Buffer.from('{"alert":"scan "}'), signature],
    ['the timestamp moved into the body', secret, '', Buffer.from(`${TS}.${BODY}`), signature],
    ['a truncated signature', secret, TS, body, signature.subarray(0, 31)],
    ['an empty signature', secret, TS, body, Buffer.alloc(0)],
    ['a signature one bit off', secret, TS, body, Buffer.from(signature.map((b, i) => (i === 0 ? b ^ 1 : b)))],
  ])('when it is checked with %s then it does not match (and nothing throws)', (_what, s, ts, b, sig) => {
    expect(signatureMatches(s, ts, b, sig)).toBe(false);
  });
});
