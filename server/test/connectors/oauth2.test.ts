/**
 * OAuth2 client credentials over real HTTP: a token endpoint and its API on 127.0.0.1, the
 * token cached until expiry (a virtual clock), fetched again after it, refreshed once on a
 * 401, a wrong secret an auth error, a 429 or 5xx from the token endpoint retried (its
 * Retry-After honoured, bounded attempts) — and neither secret nor token in any message.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/adapters/http-client';
import { createConnectorClient } from '../../src/connectors/client';
import { CLIENT_ID, CLIENT_SECRET, SCOPE, startOAuth2Mock, TENANT, type OAuth2Mock } from './mocks/oauth2';
import { failure, testClient, type TestClient } from './support';

let mock: OAuth2Mock;
let t: TestClient;
let clock: number;
beforeAll(async () => {
  mock = await startOAuth2Mock();
});
beforeEach(() => {
  clock = Date.parse('2026-12-05T10:00:00Z');
  t = testClient({ now: () => clock });
  mock.calls.length = 0;
  mock.tokenRequests.length = 0;
  mock.revoked.clear();
  mock.failTokens(0);
  Object.assign(mock.options, { refuseAll: false, expiresIn: 3600 });
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

/** Entra-shaped: the tenant is a setting that fills the token URL (the port too, for the mock). */
const graph: ConnectorDefinition = {
  formatVersion: 1,
  id: 'graph-users',
  name: 'Graph users',
  vendor: 'Tests',
  version: '0.1.0',
  description: '',
  baseUrl: 'https://graph.microsoft.com',
  auth: {
    type: 'oauth2_client_credentials',
    tokenUrl: 'http://127.0.0.1:{{ port }}/{{ tenant }}/oauth2/v2.0/token',
    scopes: [SCOPE],
    clientAuth: 'client_secret_basic',
  },
  settings: {
    type: 'object',
    properties: { tenant: { type: 'string' }, port: { type: 'string' } },
    required: ['tenant', 'port'],
  },
  retryableStatuses: [429, 503],
  actions: {
    get_user: {
      title: 'Get a user',
      description: '',
      effect: 'read',
      method: 'GET',
      path: '/v1.0/users/{{ upn }}',
      params: { type: 'object', properties: { upn: { type: 'string' } }, required: ['upn'] },
      response: { type: 'object', required: ['id'] },
      idempotency: 'none',
      example: { id: 'x' },
    },
  },
};

const CREDENTIAL = `${CLIENT_ID}:${CLIENT_SECRET}`;
const settings = () => ({ tenant: TENANT, port: new URL(mock.baseUrl).port });
const getUser = (credential = CREDENTIAL, client = t.client) =>
  client.execute({
    definition: graph,
    action: 'get_user',
    params: { upn: 'j.doe@contoso.com' },
    credential,
    settings: settings(),
    baseUrl: mock.baseUrl,
  });
const apiTokens = () =>
  mock.calls.filter((c) => c.path.startsWith('/v1.0/')).map((c) => c.headers.authorization?.slice(-5));

describe('OAuth2 client credentials tokens', () => {
  it('when two calls are made then one token is fetched with the client credentials and scope, and both use it', async () => {
    const first = await getUser();
    await getUser();

    expect(first.output).toMatchObject({ userPrincipalName: 'j.doe@contoso.com' });
    expect(mock.tokenRequests).toHaveLength(1);
    const tokenCall = mock.tokenRequests[0];
    expect(tokenCall?.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(Object.fromEntries(new URLSearchParams(tokenCall?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: SCOPE,
    });
    expect(tokenCall?.headers.authorization).toMatch(/^Basic /);
    expect(apiTokens()).toEqual(['tok-1', 'tok-1']);
  });

  it('when the token has expired (less the skew) then a new one is fetched', async () => {
    await getUser();
    clock += 3_540_000 - 1;
    await getUser();
    expect(mock.tokenRequests).toHaveLength(1);

    clock += 1;
    await getUser();

    expect(mock.tokenRequests).toHaveLength(2);
    expect(apiTokens()).toEqual(['tok-1', 'tok-1', 'tok-2']);
  });

  it('when the API answers 401 to a cached token then one new token is fetched and the call succeeds', async () => {
    await getUser();
    mock.revoked.add('eyJ0eXAiOiJKV1Qi.tok-1');

    const result = await getUser();

    expect(result.status).toBe(200);
    expect(mock.tokenRequests).toHaveLength(2);
    expect(apiTokens()).toEqual(['tok-1', 'tok-1', 'tok-2']);
    expect(t.waits).toEqual([]);
  });

  it('when the API refuses the fresh token too then the error is auth after one refresh, without the token', async () => {
    mock.options.refuseAll = true;

    const e = await failure(getUser());

    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(mock.tokenRequests).toHaveLength(2);
    expect(apiTokens()).toEqual(['tok-1', 'tok-2']);
    expect(e.message).not.toContain('eyJ0eXAiOiJKV1Qi');
  });

  it('when calls run at once then they share one token request', async () => {
    await Promise.all([getUser(), getUser(), getUser()]);
    expect(mock.tokenRequests).toHaveLength(1);
  });
});

describe('OAuth2 client credentials failures', () => {
  it('when the client secret is wrong then the error is auth and holds neither secret nor credential', async () => {
    const wrong = `${CLIENT_ID}:Wr0ng-s3cret-value`;
    const e = await failure(getUser(wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).toContain('invalid_client');
    expect(e.message).not.toContain('Wr0ng-s3cret-value');
    expect(JSON.stringify(e)).not.toContain('Wr0ng-s3cret-value');
    expect(apiTokens()).toEqual([]);
    expect(mock.tokenRequests).toHaveLength(1);
  });

  it('when a wrong secret follows a good one for the same client then it does not borrow the cached token', async () => {
    await getUser();
    const e = await failure(getUser(`${CLIENT_ID}:another-secret`));
    expect(e.kind).toBe('auth');
    expect(mock.tokenRequests).toHaveLength(2);
  });

  it('when the credential has no colon then nothing is sent', async () => {
    const e = await failure(getUser('just-a-secret'));
    expect(e.kind).toBe('invalid_params');
    expect(e.message).not.toContain('just-a-secret');
    expect(mock.calls).toHaveLength(0);
  });

  it('when the outbound guard does not allow the token URL then the error is refused and nothing is sent', async () => {
    const http = createHttpClient({ allow: [] });
    const client = createConnectorClient({ http, sleep: async () => undefined });
    const e = await failure(getUser(CREDENTIAL, client));
    await http.close();

    expect(e.kind).toBe('refused');
    expect(e.message).toContain('token URL');
    expect(mock.calls).toHaveLength(0);
  });

  it('when the API is rate limited then the call waits Retry-After with the same token', async () => {
    await getUser();
    mock.rateLimitNext(1, 3);
    await getUser();
    expect(t.waits).toEqual([3_000]);
    expect(apiTokens()).toEqual(['tok-1', 'tok-1', 'tok-1']);
  });
});

describe('OAuth2 token endpoint retries', () => {
  const tokenCalls = () => mock.calls.filter((c) => c.path.endsWith('/oauth2/v2.0/token')).length;

  it('when the token endpoint answers 429 with Retry-After then the token is asked for again after that wait', async () => {
    mock.rateLimitNext(1, 3);

    const result = await getUser();

    expect(result.status).toBe(200);
    expect(t.waits).toEqual([3_000]);
    expect(tokenCalls()).toBe(2);
    expect(apiTokens()).toHaveLength(1);
  });

  it('when the token endpoint answers 503 twice then it backs off 500 ms, 1 s and the third attempt succeeds', async () => {
    mock.failTokens(2);

    const result = await getUser();

    expect(result.status).toBe(200);
    expect(t.waits).toEqual([500, 1_000]);
    expect(mock.tokenRequests).toHaveLength(3);
    expect(apiTokens()).toEqual(['tok-3']);
  });

  it('when the token endpoint keeps answering 503 then the call fails after 3 attempts, retryable, and the API is not called', async () => {
    mock.failTokens(10);

    const e = await failure(getUser());

    expect(e).toMatchObject({ kind: 'http', status: 503, retryable: true });
    expect(e.message).toMatch(/the token endpoint answered 503 .*temporarily_unavailable.* after 3 attempts$/);
    expect(mock.tokenRequests).toHaveLength(3);
    expect(apiTokens()).toEqual([]);
  });

  it('when the token endpoint asks for a wait longer than the cap then the call fails at once as rate_limited', async () => {
    mock.rateLimitNext(1, 120);

    const e = await failure(getUser());

    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 120_000 });
    expect(t.waits).toEqual([]);
    expect(tokenCalls()).toBe(1);
  });

  it('when a failed token request was retried then the next call reuses the token it got', async () => {
    mock.failTokens(1);
    await getUser();
    await getUser();

    expect(mock.tokenRequests).toHaveLength(2);
    expect(apiTokens()).toEqual(['tok-2', 'tok-2']);
  });

  it('when the secret is wrong then the 401 is not retried', async () => {
    const e = await failure(getUser(`${CLIENT_ID}:Wr0ng-s3cret-value`));

    expect(e.kind).toBe('auth');
    expect(t.waits).toEqual([]);
    expect(mock.tokenRequests).toHaveLength(1);
  });
});
