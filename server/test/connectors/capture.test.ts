/** Values a request captures for the later requests of its action: JSON Pointers, and the error when one is missing. */
import { describe, expect, it } from 'vitest';
import type { OutboundResponse } from '../../src/adapters/http-client';
import { atPointer, captureValues } from '../../src/connectors/capture';
import { ConnectorError } from '../../src/connectors/errors';

const DOC = { resources: ['dev-1', 'dev-2'], meta: { 'a/b': { '~x': 7 } }, empty: [] };
const answer = (body: unknown): OutboundResponse => ({
  status: 200,
  headers: {},
  body: Buffer.from(JSON.stringify(body)),
  url: 'http://127.0.0.1/x',
});
const rule = { hostId: { pointer: '/resources/0', missing: 'no host is named {{ hostname }}' } };

describe('atPointer', () => {
  it.each([
    { pointer: '/resources/0', value: 'dev-1' },
    { pointer: '/resources/1', value: 'dev-2' },
    { pointer: '/resources/2', value: undefined },
    { pointer: '/resources/01', value: undefined },
    { pointer: '/resources/-', value: undefined },
    { pointer: '/meta/a~1b/~0x', value: 7 },
    { pointer: '/empty/0', value: undefined },
    { pointer: '/constructor', value: undefined },
    { pointer: '/resources/0/length', value: undefined },
  ])('when the pointer is $pointer then the value is $value', ({ pointer, value }) => {
    expect(atPointer(DOC, pointer)).toBe(value);
  });
});

describe('captureValues', () => {
  it('when the answer has the value then it is offered under its key', () => {
    expect(captureValues(rule, answer({ resources: ['abc123'] }), { hostname: 'ws-1' }, [], 'x.y')).toEqual({
      hostId: 'abc123',
    });
  });

  it.each([
    { what: 'an empty list', body: { resources: [] } },
    { what: 'an empty string', body: { resources: [''] } },
    { what: 'an object', body: { resources: [{ id: 'a' }] } },
    { what: 'null', body: { resources: null } },
  ])('when the answer has $what there then the call ends as not_found naming the param, not retryable', ({ body }) => {
    let e: unknown;
    try {
      captureValues(rule, answer(body), { hostname: 'ws-1' }, [], 'falcon.contain_host');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e).toMatchObject({
      kind: 'not_found',
      retryable: false,
      message: 'falcon.contain_host: no host is named ws-1',
    });
  });

  it('when the message would hold a secret then it is scrubbed', () => {
    const call = () => captureValues(rule, answer({}), { hostname: 's3cr3t-value' }, ['s3cr3t-value'], 'x.y');
    expect(call).toThrow(/^x\.y: no host is named (?!.*s3cr3t)/);
  });
});
