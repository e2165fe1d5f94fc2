/**
 * The URLhaus connector against its mock over real HTTP: form-encoded lookups with the
 * Auth-Key header, a listed URL and host, no_results as a clean answer, invalid_url as a
 * failure, a wrong key, the health lookup and a 429.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { detectDrift } from '../../src/connectors/drift';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import type { VendorMock } from '../vendor-mock';
import { urlhaus } from './definition';
import { LISTED_HOST, LISTED_URL, startUrlhausMock, URLHAUS_KEY } from './mock';

let mock: VendorMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startUrlhausMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = URLHAUS_KEY) =>
  t.client.execute({ definition: urlhaus, action, params, credential, baseUrl: mock.baseUrl });
const formOf = (i = 0) => Object.fromEntries(new URLSearchParams(mock.calls[i]?.body));

describe('URLhaus lookups', () => {
  it('when a listed URL is looked up then URLhaus got it form-encoded with the Auth-Key and its threat and payload come back', async () => {
    const result = await run('lookup_url', { url: LISTED_URL });

    const [call] = mock.calls;
    expect([call?.method, call?.path]).toEqual(['POST', '/v1/url/']);
    expect(call?.headers['auth-key']).toBe(URLHAUS_KEY);
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call?.body).toBe(`url=${encodeURIComponent(LISTED_URL)}`);
    expect(result).toMatchObject({
      status: 200,
      output: {
        query_status: 'ok',
        url: LISTED_URL,
        url_status: 'online',
        threat: 'malware_download',
        tags: ['elf', 'Mozi'],
        payloads: [{ signature: 'Mozi', file_type: 'elf' }],
      },
    });
  });

  it('when a listed host is looked up then its URL count and URLs come back', async () => {
    const result = await run('lookup_host', { host: LISTED_HOST });

    expect([mock.calls[0]?.method, mock.calls[0]?.path, mock.calls[0]?.headers['auth-key']]).toEqual([
      'POST',
      '/v1/host/',
      URLHAUS_KEY,
    ]);
    expect(formOf()).toEqual({ host: LISTED_HOST });
    expect(result.output).toMatchObject({
      query_status: 'ok',
      host: LISTED_HOST,
      url_count: '2',
      blacklists: { spamhaus_dbl: 'abused_legit_malware' },
      urls: [{ url_status: 'online' }, { url_status: 'offline' }],
    });
  });

  it.each([
    ['lookup_url', { url: 'https://intranet.acme.example/login' }],
    ['lookup_host', { host: '192.0.2.10' }],
  ])('when %s finds nothing then no_results is a successful answer to branch on', async (action, params) => {
    const result = await run(action, params);

    expect(result).toEqual({ status: 200, output: { query_status: 'no_results' } });
  });

  it('when the connection is tested then the hourly host lookup succeeds', async () => {
    const health = urlhaus.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(health?.every).toBe('1h');
    expect(formOf()).toEqual({ host: 'urlhaus.abuse.ch' });
    expect(result.status).toBe(200);
  });

  it.each([
    ['lookup_url', { url: LISTED_URL }],
    ['lookup_url', { url: 'https://clean.example/' }],
    ['lookup_host', { host: LISTED_HOST }],
    ['lookup_host', { host: 'clean.example' }],
  ])(
    'when %s answers %j then the answer and the example both match its response schema, without drift',
    async (id, params) => {
      const action = urlhaus.actions[id];
      const result = await run(id, params);

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      // The schema declares every field the vendor sends, so live answers show no drift.
      expect(detectDrift(action?.response ?? {}, result.output)).toEqual([]);
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );

  it('when an ok answer lacks the record then it does not match the response schema', () => {
    const schema = urlhaus.actions['lookup_url']?.response ?? {};

    expect(checkAnswer(schema, { query_status: 'ok' }).ok).toBe(false);
  });
});

describe('URLhaus errors', () => {
  it('when the Auth-Key is wrong then the error is auth without the key', async () => {
    const wrong = 'ffffffffffffffff0000000000000000deadbeefdeadbeef';
    const e = await failure(run('lookup_url', { url: LISTED_URL }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('unknown_auth_key');
    expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(wrong);
  });

  it('when URLhaus answers invalid_url then the 200 is reported as a failure naming it', async () => {
    const e = await failure(run('lookup_url', { url: 'http://nodot/payload.bin' }));

    expect(e).toMatchObject({ kind: 'http', status: 200, retryable: false });
    expect(e.message).toContain('invalid_url');
  });

  it('when the host has a scheme or path then nothing is sent', async () => {
    const e = await failure(run('lookup_host', { host: 'https://malware-cdn.example/x' }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });

  it('when URLhaus answers 429 then the client waits Retry-After and the lookup succeeds', async () => {
    mock.rateLimitNext(1, 5);

    const result = await run('lookup_host', { host: LISTED_HOST });

    expect(result.output).toMatchObject({ query_status: 'ok' });
    expect(t.waits).toEqual([5_000]);
    expect(mock.calls).toHaveLength(2);
  });
});
