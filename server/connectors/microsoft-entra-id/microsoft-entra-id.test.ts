/**
 * The Microsoft Entra ID connector against a Graph mock over real HTTP: client credentials
 * at the tenant's token endpoint (form fields, scope, a wrong secret, an unknown tenant),
 * disable / enable / revoke sessions / get user by UPN or object id, a missing user, a
 * missing application permission, and a 429 whose Retry-After the client waits.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillUrl } from '../../src/connectors/request';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { microsoftEntraId, USER_FIELDS } from './definition';
import {
  ENTRA_CLIENT_ID,
  ENTRA_SECRET,
  ENTRA_TENANT,
  READER_CLIENT_ID,
  READER_SECRET,
  SEED_USERS,
  startGraphMock,
  type GraphMock,
} from './mock';

let mock: GraphMock;
let t: TestClient;
let clock: number;
beforeAll(async () => {
  mock = await startGraphMock();
});
beforeEach(() => {
  clock = Date.parse('2026-12-05T22:00:00Z');
  mock.options.now = () => clock;
  t = testClient({ now: () => clock });
  mock.calls.length = 0;
  // A test that ran out of attempts leaves 429s queued; each test starts without.
  mock.rateLimitNext(0);
  mock.tokenRequests.length = 0;
  mock.reset();
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const CREDENTIAL = `${ENTRA_CLIENT_ID}:${ENTRA_SECRET}`;
/** The definition with its token URL on the mock, the tenant placeholder kept. */
function onMock(): ConnectorDefinition {
  const { auth } = microsoftEntraId;
  if (auth.type !== 'oauth2_client_credentials') throw new Error('Entra ID authenticates with OAuth2');
  return { ...microsoftEntraId, auth: { ...auth, tokenUrl: `${mock.baseUrl}/{{ tenant }}/oauth2/v2.0/token` } };
}
const run = (action: string, params: Record<string, unknown>, credential = CREDENTIAL, tenant = ENTRA_TENANT) =>
  t.client.execute({ definition: onMock(), action, params, credential, settings: { tenant }, baseUrl: mock.baseUrl });

const [JANE, ADELE] = SEED_USERS.map((u) => u.id);
const UPN = 'j.doe@contoso.com';
const apiCalls = () => mock.calls.filter((c) => !c.path.endsWith('/oauth2/v2.0/token'));
const user = (id = JANE) => mock.users.get(id ?? '');

describe('Entra ID tokens', () => {
  it('when two calls are made then one token is fetched from the tenant with the .default Graph scope and both use it', async () => {
    await run('get_user', { user: UPN });
    await run('disable_account', { user: UPN });

    expect(mock.tokenRequests).toHaveLength(1);
    expect(mock.tokenRequests[0]?.path).toBe(`/${ENTRA_TENANT}/oauth2/v2.0/token`);
    expect(Object.fromEntries(new URLSearchParams(mock.tokenRequests[0]?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: ENTRA_CLIENT_ID,
      client_secret: ENTRA_SECRET,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(apiCalls().map((c) => c.headers.authorization)).toEqual([
      'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-1',
      'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-1',
    ]);
  });

  it('when the tenant setting is filled in then the token is asked at login.microsoftonline.com for that tenant', () => {
    const { auth, baseUrl } = microsoftEntraId;

    expect(auth.type === 'oauth2_client_credentials' && fillUrl(auth.tokenUrl, { tenant: ENTRA_TENANT })).toBe(
      `https://login.microsoftonline.com/${ENTRA_TENANT}/oauth2/v2.0/token`,
    );
    expect(baseUrl).toBe('https://graph.microsoft.com');
  });

  it('when the client secret is wrong then the error is auth without the secret and Graph is not called', async () => {
    const wrong = `${ENTRA_CLIENT_ID}:Wr0ng~S3cretWr0ngS3cretWr0ngS3cret0`;
    const e = await failure(run('disable_account', { user: UPN }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('invalid_client');
    expect(JSON.stringify([e.message, e])).not.toContain('Wr0ng~S3cret');
    expect(apiCalls()).toHaveLength(0);
    expect(user()?.accountEnabled).toBe(true);
  });

  it('when the tenant does not exist then the token request fails with AADSTS90002 and Graph is not called', async () => {
    const e = await failure(run('get_user', { user: UPN }, CREDENTIAL, 'fabrikam.onmicrosoft.com'));

    expect(e).toMatchObject({ kind: 'http', status: 400 });
    expect(mock.tokenRequests[0]?.path).toBe('/fabrikam.onmicrosoft.com/oauth2/v2.0/token');
    expect(apiCalls()).toHaveLength(0);
  });
});

describe('Entra ID account actions', () => {
  it('when an account is disabled by UPN then Graph gets PATCH accountEnabled false and answers 204', async () => {
    const result = await run('disable_account', { user: UPN });

    const [call] = apiCalls();
    expect(call).toMatchObject({ method: 'PATCH', path: '/v1.0/users/j.doe%40contoso.com' });
    expect(call?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call?.body ?? '')).toEqual({ accountEnabled: false });
    expect(result).toEqual({ status: 204, output: null });
    expect(user()?.accountEnabled).toBe(false);
  });

  it('when a disabled account is disabled again then Graph answers 204 again and it stays disabled', async () => {
    const result = await run('disable_account', { user: ADELE ?? '' });

    expect(result).toEqual({ status: 204, output: null });
    expect(apiCalls()[0]?.path).toBe(`/v1.0/users/${ADELE}`);
    expect(user(ADELE)?.accountEnabled).toBe(false);
  });

  it('when a disabled account is enabled then accountEnabled true is sent and the user can sign in again', async () => {
    await run('disable_account', { user: UPN });
    const result = await run('enable_account', { user: UPN });

    expect(result.status).toBe(204);
    expect(JSON.parse(apiCalls()[1]?.body ?? '')).toEqual({ accountEnabled: true });
    expect(user()?.accountEnabled).toBe(true);
  });

  it("when sessions are revoked then Graph answers value true and the user's sessions are valid only from now", async () => {
    const result = await run('revoke_sessions', { user: JANE ?? '' });

    expect(apiCalls()[0]).toMatchObject({ method: 'POST', path: `/v1.0/users/${JANE}/revokeSignInSessions`, body: '' });
    expect(result).toEqual({
      status: 200,
      output: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean', value: true },
    });
    expect(user()?.signInSessionsValidFromDateTime).toBe('2026-12-05T22:00:00Z');
  });

  it('when the user does not exist then the error is not_found with Request_ResourceNotFound', async () => {
    const e = await failure(run('disable_account', { user: 'ghost@contoso.com' }));

    expect(e).toMatchObject({ kind: 'not_found', status: 404, retryable: false });
    expect(e.message).toContain('Request_ResourceNotFound');
  });

  it('when the app lacks the permission to disable accounts then the 403 is an auth error and the account stays enabled', async () => {
    const e = await failure(run('disable_account', { user: UPN }, `${READER_CLIENT_ID}:${READER_SECRET}`));

    expect(e).toMatchObject({ kind: 'auth', status: 403 });
    expect(e.message).toContain('Authorization_RequestDenied');
    expect(e.message).not.toContain(READER_SECRET);
    expect(user()?.accountEnabled).toBe(true);
  });

  it.each(['$jdoe@contoso.com', 'users/../j.doe@contoso.com', 'j.doe@contoso.com?$select=id', ''])(
    'when the user is %j then the call is refused before anything is sent',
    async (bad) => {
      const e = await failure(run('disable_account', { user: bad }));

      expect(e.kind).toBe('invalid_params');
      expect(mock.calls).toHaveLength(0);
    },
  );
});

describe('Entra ID reads', () => {
  it('when a user is read then the selected properties come back and match the response schema', async () => {
    const result = await run('get_user', { user: 'J.Doe@Contoso.com' });

    const [call] = apiCalls();
    expect(call).toMatchObject({ method: 'GET', path: '/v1.0/users/J.Doe%40Contoso.com' });
    expect(call?.query.get('$select')).toBe(USER_FIELDS.join(','));
    expect(result.output).toMatchObject({
      id: JANE,
      displayName: 'Jane Doe',
      userPrincipalName: UPN,
      accountEnabled: true,
      department: 'Finance',
      onPremisesSyncEnabled: null,
    });
    const schema = microsoftEntraId.actions['get_user']?.response ?? {};
    expect(checkAnswer(schema, result.output)).toEqual({ ok: true, value: result.output });
  });

  it('when the connection is tested then one user id is listed', async () => {
    const health = microsoftEntraId.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(apiCalls()[0]).toMatchObject({ method: 'GET', path: '/v1.0/users' });
    expect(Object.fromEntries(apiCalls()[0]?.query ?? [])).toEqual({ $top: '1', $select: 'id' });
    expect(result.output).toMatchObject({ value: [{ id: JANE }] });
  });

  it.each(Object.keys(microsoftEntraId.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const action = microsoftEntraId.actions[id];
      const result = await run(id, id === 'test_connection' ? {} : { user: 'AdeleV@contoso.com' });

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );
});

describe('Entra ID throttling', () => {
  it('when Graph answers 429 then the client waits Retry-After and the account is disabled', async () => {
    await run('test_connection', {});
    mock.rateLimitNext(1, 3);

    const result = await run('disable_account', { user: UPN });

    expect(result.status).toBe(204);
    expect(t.waits).toEqual([3_000]);
    expect(
      apiCalls()
        .slice(1)
        .map((c) => c.method),
    ).toEqual(['PATCH', 'PATCH']);
    expect(user()?.accountEnabled).toBe(false);
  });

  it('when Graph keeps answering 429 then the call fails as rate_limited with TooManyRequests after 3 attempts', async () => {
    await run('test_connection', {});
    mock.rateLimitNext(5, 2);

    const e = await failure(run('get_user', { user: UPN }));

    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 2_000 });
    expect(e.message).toContain('TooManyRequests');
    expect(t.waits).toEqual([2_000, 2_000]);
  });
});
