/**
 * The connector client on its own, against a recording server: auth placement, template
 * rendering, idempotency keys, retry timing, and what it refuses — never leaking the credential.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/adapters/http-client';
import { createConnectorClient } from '../../src/connectors/client';
import { startVendorMock, type MockAnswer, type VendorMock } from '../../connectors/vendor-mock';
import { failure, testClient, type TestClient } from './support';

const SECRET = 's3cr3t-credential-value';
/** What the recording server answers next (one per call, then 200 `{ ok: true }`). */
const script: MockAnswer[] = [];
let server: VendorMock;
let t: TestClient;
beforeAll(async () => {
  server = await startVendorMock({
    authFailure: () => undefined,
    rateLimited: (s) => ({ status: 429, body: {}, headers: { 'retry-after': String(s) } }),
    route: () => script.shift() ?? { status: 200, body: { ok: true } },
  });
});
beforeEach(() => {
  t = testClient();
  server.calls.length = 0;
  script.length = 0;
});
afterEach(() => t.http.close());
afterAll(() => server.close());

const definition = (auth: ConnectorDefinition['auth'] = { type: 'bearer' }): ConnectorDefinition => ({
  formatVersion: 1,
  id: 'recorder',
  name: 'Recorder',
  vendor: 'Tests',
  version: '0.1.0',
  description: '',
  baseUrl: 'https://recorder.example',
  auth,
  retryableStatuses: [429, 503],
  actions: {
    get_item: {
      title: 'Get',
      description: '',
      effect: 'read',
      method: 'GET',
      path: '/items/{{ name }}',
      query: { filter: '{{ filter }}' },
      params: {
        type: 'object',
        properties: { name: { type: 'string' }, filter: { type: 'string' } },
        required: ['name'],
      },
      response: { type: 'object', required: ['ok'] },
      idempotency: 'none',
      example: { ok: true },
    },
    block: {
      title: 'Block',
      description: '',
      effect: 'destructive',
      method: 'POST',
      path: '/blocks',
      headers: { 'X-Reason': 'soar: {{ reason }}' },
      body: { ip: '{{ ip }}', minutes: '{{ minutes }}', note: 'by {{ reason }}', extra: '{{ extra }}' },
      params: {
        type: 'object',
        properties: { ip: { type: 'string' }, minutes: { type: 'integer' }, reason: { type: 'string' }, extra: {} },
        required: ['ip', 'minutes', 'reason'],
      },
      response: { type: 'object' },
      target: { param: 'ip', kind: 'ip' },
      idempotency: 'Idempotency-Key',
      example: {},
    },
  },
});

/** A vendor that reports failures in a 200 (Slack): `{ ok: false, error }`. */
const slackStyle: ConnectorDefinition = {
  ...definition(),
  errorWhen: { field: 'ok', equals: false, codeField: 'error', authCodes: ['invalid_auth', 'not_authed'] },
};

const get = (params: Record<string, unknown>, def = definition()) =>
  t.client.execute({ definition: def, action: 'get_item', params, credential: SECRET, baseUrl: server.baseUrl });
const block = (key?: string) =>
  t.client.execute({
    definition: definition(),
    action: 'block',
    params: { ip: '192.0.2.7', minutes: 60, reason: 'phishing' },
    credential: SECRET,
    baseUrl: server.baseUrl,
    ...(key ? { idempotencyKey: key } : {}),
  });

describe('connector client requests', () => {
  it('when a path param has a slash and a space then it is one encoded segment', async () => {
    await get({ name: 'a/b c', filter: 'x&y' });
    expect(server.calls[0]?.path).toBe('/items/a%2Fb%20c');
    expect(server.calls[0]?.query.get('filter')).toBe('x&y');
  });

  it('when an optional query param is not given then its entry is left out', async () => {
    await get({ name: 'n' });
    expect([...(server.calls[0]?.query.keys() ?? [])]).toEqual([]);
  });

  it.each([
    { auth: { type: 'bearer' as const }, header: 'authorization', value: `Bearer ${SECRET}` },
    {
      auth: { type: 'basic' as const },
      header: 'authorization',
      value: `Basic ${Buffer.from(SECRET).toString('base64')}`,
    },
    {
      auth: { type: 'api_key' as const, in: 'header' as const, name: 'X-Api-Key' },
      header: 'x-api-key',
      value: SECRET,
    },
    {
      auth: { type: 'api_key' as const, in: 'header' as const, name: 'Authorization', prefix: 'SSWS ' },
      header: 'authorization',
      value: `SSWS ${SECRET}`,
    },
  ])('when auth is $auth.type then the credential is sent in $header', async ({ auth, header, value }) => {
    await get({ name: 'n' }, definition(auth));
    expect(server.calls[0]?.headers[header]).toBe(value);
  });

  it('when the API key goes in the query and the vendor echoes it in an error then the message does not hold it', async () => {
    script.push({ status: 400, body: { error: `bad request for key=${SECRET}` } });
    const e = await failure(get({ name: 'n' }, definition({ type: 'api_key', in: 'query', name: 'apikey' })));

    expect(server.calls[0]?.query.get('apikey')).toBe(SECRET);
    expect(e.kind).toBe('http');
    expect(e.message).toContain('[redacted]');
    expect(e.message).not.toContain(SECRET);
  });

  it('when a destructive action is sent then its body keeps param types and the idempotency key is sent', async () => {
    await block('run-1:block:1');
    const call = server.calls[0];
    expect(JSON.parse(call?.body ?? '')).toEqual({ ip: '192.0.2.7', minutes: 60, note: 'by phishing' });
    expect(call?.headers['idempotency-key']).toBe('run-1:block:1');
    expect(call?.headers['x-reason']).toBe('soar: phishing');
    expect(call?.headers['content-type']).toBe('application/json');
  });

  it('when the key goes in the body then it is a body field a param of the same name cannot replace', async () => {
    const def = definition({ type: 'api_key', in: 'body', name: 'extra' });
    await t.client.execute({
      definition: def,
      action: 'block',
      params: { ip: '192.0.2.7', minutes: 5, reason: 'r', extra: 'not-the-key' },
      credential: SECRET,
      baseUrl: server.baseUrl,
    });
    expect(JSON.parse(server.calls[0]?.body ?? '')).toEqual({
      ip: '192.0.2.7',
      minutes: 5,
      note: 'by r',
      extra: SECRET,
    });
    expect(server.calls[0]?.headers['authorization']).toBeUndefined();
  });

  it('when the body is a form then fields are url-encoded text and an absent param is left out', async () => {
    const base = definition();
    const action = base.actions['block'];
    if (!action) throw new Error('no block action');
    const def: ConnectorDefinition = { ...base, actions: { ...base.actions, block: { ...action, bodyType: 'form' } } };
    await t.client.execute({
      definition: def,
      action: 'block',
      params: { ip: '192.0.2.7', minutes: 60, reason: 'a&b c' },
      credential: SECRET,
      baseUrl: server.baseUrl,
    });
    const call = server.calls[0];
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call?.body).toBe('ip=192.0.2.7&minutes=60&note=by+a%26b+c');
  });

  it('when a form field param holds an object then the call is refused before anything is sent', async () => {
    const base = definition();
    const action = base.actions['block'];
    if (!action) throw new Error('no block action');
    const def: ConnectorDefinition = { ...base, actions: { ...base.actions, block: { ...action, bodyType: 'form' } } };
    const e = await failure(
      t.client.execute({
        definition: def,
        action: 'block',
        params: { ip: '192.0.2.7', minutes: 60, reason: 'r', extra: { nested: true } },
        credential: SECRET,
        baseUrl: server.baseUrl,
      }),
    );
    expect(e.kind).toBe('invalid_params');
    expect(e.message).toContain('form field extra');
    expect(server.calls).toHaveLength(0);
  });

  it('when a webhook URL credential signs its query then the query is kept after the path and its values stay secret', async () => {
    const sig = 'wOrKfLoWsSiGnAtUrE0123456789';
    const credential = `${server.baseUrl}/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=${sig}`;
    const def = definition({ type: 'webhook_url' });
    const call = { definition: def, action: 'get_item', params: { name: 'n' }, credential, baseUrl: server.baseUrl };
    await t.client.execute(call);
    expect(server.calls[0]?.path).toBe('/workflows/abc/triggers/manual/paths/invoke/items/n');
    expect(server.calls[0]?.query.get('sig')).toBe(sig);
    expect(server.calls[0]?.query.get('api-version')).toBe('2016-06-01');

    script.push({ status: 400, body: { error: `bad signature ${sig}` } });
    const e = await failure(t.client.execute(call));
    expect(e.message).toContain('bad signature');
    expect(e.message).not.toContain(sig);
    expect(e.message).toContain('[redacted]');
  });

  it('when a webhook URL credential spells out the default port then it is the same URL, and another port is not', async () => {
    // The base URL is https://recorder.example: the credential must lie under it.
    const def = definition({ type: 'webhook_url' });
    const tried = (credential: string) =>
      failure(t.client.execute({ definition: def, action: 'get_item', params: { name: 'n' }, credential }));
    // Under the base URL once `:443` is read as the default: it gets past the check to the
    // network (recorder.example does not resolve, or the guard refuses it), not refused as a credential.
    expect(['network', 'refused']).toContain(
      (await tried('https://recorder.example:443/hooks/abc?sig=0123456789abcdef')).kind,
    );
    expect((await tried('https://recorder.example:8443/hooks/abc')).kind).toBe('invalid_params');
    expect((await tried('https://recorder.example.evil.test:443/hooks/abc')).kind).toBe('invalid_params');
    expect(server.calls).toHaveLength(0);
  });

  it('when a webhook URL credential has a fragment then nothing is sent', async () => {
    const e = await failure(
      t.client.execute({
        definition: definition({ type: 'webhook_url' }),
        action: 'get_item',
        params: { name: 'n' },
        credential: `${server.baseUrl}/hooks/abc#frag`,
        baseUrl: server.baseUrl,
      }),
    );
    expect(e.kind).toBe('invalid_params');
    expect(server.calls).toHaveLength(0);
  });

  it('when a write is retried then every attempt carries the same idempotency key', async () => {
    script.push({ status: 503, body: {} });
    await block();
    const keys = server.calls.map((c) => c.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('when a read is sent then no idempotency key goes with it', async () => {
    await get({ name: 'n' });
    expect(server.calls[0]?.headers['idempotency-key']).toBeUndefined();
  });
});

describe('connector client retries and answers', () => {
  it('when 503 comes without Retry-After then the waits back off from 500 ms', async () => {
    script.push({ status: 503, body: {} }, { status: 503, body: {} }, { status: 503, body: {} });
    const e = await failure(get({ name: 'n' }));
    expect(e).toMatchObject({ kind: 'http', status: 503, retryable: true });
    expect(t.waits).toEqual([500, 1_000]);
  });

  it('when Retry-After is an HTTP date then the wait runs to it', async () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    await t.http.close();
    t = testClient({ now: () => now });
    script.push({ status: 429, body: {}, headers: { 'retry-after': 'Fri, 27 Nov 2026 10:00:04 GMT' } });
    await get({ name: 'n' });
    expect(t.waits).toEqual([4_000]);
  });

  it('when Retry-After is longer than the cap then the client does not wait and says how long to wait', async () => {
    script.push({ status: 429, body: {}, headers: { 'retry-after': '3600' } });
    const e = await failure(get({ name: 'n' }));
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000, retryable: true });
    expect(t.waits).toEqual([]);
    expect(server.calls).toHaveLength(1);
  });

  it.each([
    { status: 403, kind: 'auth' },
    { status: 500, kind: 'http' },
    { status: 409, kind: 'http' },
  ])('when the answer is $status then the error is $kind after one attempt', async ({ status, kind }) => {
    script.push({ status, body: { message: 'no' } });
    const e = await failure(get({ name: 'n' }));
    expect(e).toMatchObject({ kind, status, retryable: false });
    expect(server.calls).toHaveLength(1);
  });

  it('when a 200 does not match the response schema then the error is bad_response naming the field', async () => {
    script.push({ status: 200, body: { okay: true } });
    const e = await failure(get({ name: 'n' }));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toContain('lacks ok');
  });

  it.each([
    { code: 'invalid_auth', kind: 'auth' },
    { code: 'channel_not_found', kind: 'http' },
  ])('when a 200 says ok false with $code then the error is $kind naming the code', async ({ code, kind }) => {
    script.push({ status: 200, body: { ok: false, error: code } });
    const e = await failure(get({ name: 'n' }, slackStyle));
    expect(e).toMatchObject({ kind, status: 200, retryable: false });
    expect(e.message).toContain(code);
    expect(server.calls).toHaveLength(1);
  });

  it('when a 200 says ok false without a code then the error is http saying which field failed', async () => {
    script.push({ status: 200, body: { ok: false } });
    const e = await failure(get({ name: 'n' }, slackStyle));
    expect(e.kind).toBe('http');
    expect(e.message).toContain('ok is false');
  });

  it('when a 200 says ok true under a failure rule then it is an answer like any other', async () => {
    const result = await get({ name: 'n' }, slackStyle);
    expect(result.output).toEqual({ ok: true });
  });

  it('when the failure code echoes the credential then the message does not hold it', async () => {
    script.push({ status: 200, body: { ok: false, error: `bad ${SECRET}` } });
    const e = await failure(get({ name: 'n' }, slackStyle));
    expect(e.message).not.toContain(SECRET);
  });

  it('when the answer echoes the credential then the output has it redacted', async () => {
    script.push({ status: 200, body: { ok: true, echo: `token ${SECRET}` } });
    const result = await get({ name: 'n' });
    expect(result.output).toEqual({ ok: true, echo: 'token [redacted]' });
  });
});

describe('connector client refusals', () => {
  it('when the outbound guard does not allow the address then the error is refused and nothing is sent', async () => {
    const http = createHttpClient({ allow: [] });
    const client = createConnectorClient({ http, sleep: async () => undefined });
    const e = await failure(
      client.execute({
        definition: definition(),
        action: 'get_item',
        params: { name: 'n' },
        credential: SECRET,
        baseUrl: server.baseUrl,
      }),
    );
    await http.close();
    expect(e.kind).toBe('refused');
    expect(server.calls).toHaveLength(0);
  });

  it('when the action does not exist then the error is invalid_params', async () => {
    const e = await failure(
      t.client.execute({
        definition: definition(),
        action: 'nope',
        params: {},
        credential: SECRET,
        baseUrl: server.baseUrl,
      }),
    );
    expect(e.kind).toBe('invalid_params');
  });
});
