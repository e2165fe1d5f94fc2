/**
 * The Okta connector against its mock over real HTTP: the SSWS token header, suspend /
 * unsuspend (with Okta's E0000001 "not active" answer as already done), clear sessions
 * with OAuth tokens, reset factors, get user by login, id or `me`, a wrong token, a
 * read-only admin, a missing user, and 429s whose wait is X-Rate-Limit-Reset in epoch
 * seconds on a virtual clock shared with the mock.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillUrl } from '../../src/connectors/request';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { okta } from './definition';
import { ADMIN_ID, OKTA_TOKEN, READ_ONLY_TOKEN, SEED_USERS, startOktaMock, type OktaMock } from './mock';

let mock: OktaMock;
let t: TestClient;
let clock: number;
beforeAll(async () => {
  mock = await startOktaMock();
});
beforeEach(() => {
  clock = Date.parse('2026-12-05T22:00:00Z');
  mock.options.now = () => clock;
  t = testClient({ now: () => clock });
  mock.calls.length = 0;
  // A test that ran out of attempts leaves 429s queued; each test starts without.
  mock.rateLimitNext(0);
  mock.reset();
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = OKTA_TOKEN) =>
  t.client.execute({
    definition: okta,
    action,
    params,
    credential,
    settings: { domain: 'acme.okta.com' },
    baseUrl: mock.baseUrl,
  });

const [ISAAC, JO, OLD] = SEED_USERS.map((u) => u.id ?? '');
const LOGIN = 'isaac.brock@example.com';
const user = (id = ISAAC) => mock.users.get(id ?? '');
const seen = () => mock.calls.map((c) => `${c.method} ${c.path}${c.query.size ? `?${c.query.toString()}` : ''}`);

describe('Okta lifecycle', () => {
  it('when an active user is suspended by login then SSWS auth and the suspend path are used and the user is SUSPENDED', async () => {
    const result = await run('suspend_user', { user: LOGIN });

    expect(seen()).toEqual(['POST /api/v1/users/isaac.brock%40example.com/lifecycle/suspend']);
    expect(mock.calls[0]?.headers.authorization).toBe(`SSWS ${OKTA_TOKEN}`);
    expect(mock.calls[0]?.body).toBe('');
    expect(result).toEqual({ status: 200, output: {} });
    expect(user()?.status).toBe('SUSPENDED');
  });

  it("when a suspended user is suspended again then Okta's E0000001 answer is taken as done", async () => {
    const result = await run('suspend_user', { user: JO ?? '' });

    expect(result.status).toBe(400);
    expect(result.output).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: suspend' });
    expect(mock.calls).toHaveLength(1);
    expect(user(JO)?.status).toBe('SUSPENDED');
  });

  it('when a suspended user is unsuspended then they are ACTIVE again, and a second unsuspend is done', async () => {
    await run('suspend_user', { user: LOGIN });

    const first = await run('unsuspend_user', { user: LOGIN });
    const again = await run('unsuspend_user', { user: LOGIN });

    expect(seen().slice(1)).toEqual([
      'POST /api/v1/users/isaac.brock%40example.com/lifecycle/unsuspend',
      'POST /api/v1/users/isaac.brock%40example.com/lifecycle/unsuspend',
    ]);
    expect(first).toEqual({ status: 200, output: {} });
    expect(again.output).toMatchObject({ errorCode: 'E0000001' });
    expect(user()?.status).toBe('ACTIVE');
  });

  it('when sessions are cleared then the DELETE asks to revoke OAuth tokens too (the default) and both are gone', async () => {
    const result = await run('clear_sessions', { user: ISAAC });

    expect(seen()).toEqual([`DELETE /api/v1/users/${ISAAC}/sessions?oauthTokens=true`]);
    expect(result).toEqual({ status: 204, output: null });
    expect(user()).toMatchObject({ sessions: 0, oauthTokens: 0 });
  });

  it('when sessions are cleared without OAuth tokens then only the sessions end', async () => {
    await run('clear_sessions', { user: ISAAC, oauthTokens: false });

    expect(seen()).toEqual([`DELETE /api/v1/users/${ISAAC}/sessions?oauthTokens=false`]);
    expect(user()).toMatchObject({ sessions: 0, oauthTokens: 1 });
  });

  it('when factors are reset then the reset_factors path is posted and no factor is left', async () => {
    const result = await run('reset_factors', { user: LOGIN });

    expect(seen()).toEqual(['POST /api/v1/users/isaac.brock%40example.com/lifecycle/reset_factors']);
    expect(result).toEqual({ status: 200, output: {} });
    expect(user()?.factors).toEqual([]);
  });

  it("when a deprovisioned user's factors are reset then Okta's validation error is an http error (not done)", async () => {
    const e = await failure(run('reset_factors', { user: OLD ?? '' }));

    expect(e).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(e.message).toContain('E0000001');
  });

  it('when the user does not exist then the error is not_found with E0000007', async () => {
    const e = await failure(run('suspend_user', { user: 'ghost@example.com' }));

    expect(e).toMatchObject({ kind: 'not_found', status: 404 });
    expect(e.message).toContain('E0000007');
  });

  it("when a playbook names me (the API token's own admin) for a change then nothing is sent", async () => {
    const e = await failure(run('suspend_user', { user: 'me' }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
    expect(user(ADMIN_ID)?.status).toBe('ACTIVE');
  });

  it.each(['isaac/../admin', 'a b@example.com', ''])('when the user is %j then nothing is sent', async (bad) => {
    const e = await failure(run('clear_sessions', { user: bad }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });
});

describe('Okta credentials', () => {
  it('when the token is wrong then the error is auth (E0000011) without the token', async () => {
    const wrong = '00WrongTokenWrongTokenWrongTokenWrong0000';
    const e = await failure(run('suspend_user', { user: LOGIN }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('E0000011');
    expect(JSON.stringify([e.message, e])).not.toContain(wrong);
    expect(user()?.status).toBe('ACTIVE');
  });

  it("when a read-only admin's token suspends then the 403 E0000006 is an auth error and the user stays active", async () => {
    const e = await failure(run('suspend_user', { user: LOGIN }, READ_ONLY_TOKEN));

    expect(e).toMatchObject({ kind: 'auth', status: 403 });
    expect(e.message).toContain('E0000006');
    expect(user()?.status).toBe('ACTIVE');
  });

  it('when the domain setting is filled in then requests go to that Okta org', () => {
    expect(fillUrl(okta.baseUrl, { domain: 'acme.okta.com' })).toBe('https://acme.okta.com');
  });
});

describe('Okta reads', () => {
  it('when a user is read by login then status and profile come back and match the response schema', async () => {
    const result = await run('get_user', { user: LOGIN });

    expect(seen()).toEqual(['GET /api/v1/users/isaac.brock%40example.com']);
    expect(result.output).toMatchObject({
      id: ISAAC,
      status: 'ACTIVE',
      profile: { login: LOGIN, email: LOGIN, firstName: 'Isaac', lastName: 'Brock' },
    });
    const schema = okta.actions['get_user']?.response ?? {};
    expect(checkAnswer(schema, result.output)).toEqual({ ok: true, value: result.output });
  });

  it("when the connection is tested then the API token's own admin is read", async () => {
    const health = okta.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(seen()).toEqual(['GET /api/v1/users/me']);
    expect(result.output).toMatchObject({ id: ADMIN_ID, profile: { login: 'soar-api@example.com' } });
  });

  it.each(Object.keys(okta.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const action = okta.actions[id];
      const result = await run(id, { user: ISAAC });

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );
});

describe('Okta rate limits', () => {
  it('when Okta answers 429 then the client waits until X-Rate-Limit-Reset (epoch seconds) and the user is suspended', async () => {
    mock.rateLimitNext(1, 9);

    const result = await run('suspend_user', { user: LOGIN });

    expect(result.status).toBe(200);
    expect(t.waits).toEqual([9_000]);
    expect(mock.calls).toHaveLength(2);
    expect(user()?.status).toBe('SUSPENDED');
  });

  it('when Okta keeps answering 429 then the call fails as rate_limited with E0000047 after 3 attempts', async () => {
    mock.rateLimitNext(5, 4);

    const e = await failure(run('get_user', { user: LOGIN }));

    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 4_000 });
    expect(e.message).toContain('E0000047');
    expect(t.waits).toEqual([4_000, 4_000]);
  });
});
