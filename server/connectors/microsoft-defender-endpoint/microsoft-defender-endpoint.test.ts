/**
 * The Defender for Endpoint connector against its mock over real HTTP: client credentials at
 * the tenant (form, scope, a wrong secret), isolate and release (find by DNS name, then act on
 * the machine id), a name without a machine, a missing permission, the same action while one
 * is pending, get_machine, the health read, and a 429 whose Retry-After the client waits.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillUrl } from '../../src/connectors/request';
import { detectDrift } from '../../src/connectors/drift';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { DEFENDER_API_HOSTS, microsoftDefenderEndpoint as mde } from './definition';
import {
  MDE_CLIENT_ID,
  MDE_READER_ID,
  MDE_READER_SECRET,
  MDE_SCOPE,
  MDE_SECRET,
  MDE_TENANT,
  SEED_MACHINES,
  startDefenderMock,
  type MdeMock,
} from './mock';

let mock: MdeMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startDefenderMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.tokenRequests.length = 0;
  mock.reset();
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const CREDENTIAL = `${MDE_CLIENT_ID}:${MDE_SECRET}`;
/** The definition with its token URL on the mock, the tenant placeholder kept. */
function onMock(): ConnectorDefinition {
  const { auth } = mde;
  if (auth.type !== 'oauth2_client_credentials') throw new Error('Defender authenticates with OAuth2');
  return { ...mde, auth: { ...auth, tokenUrl: `${mock.baseUrl}/{{ tenant }}/oauth2/v2.0/token` } };
}
const run = (action: string, params: Record<string, unknown>, credential = CREDENTIAL) =>
  t.client.execute({
    definition: onMock(),
    action,
    params,
    credential,
    settings: { tenant: MDE_TENANT, apiHost: 'api.securitycenter.microsoft.com' },
    baseUrl: mock.baseUrl,
  });

const [WS, SRV] = SEED_MACHINES;
const HOST = WS?.computerDnsName ?? '';
const apiCalls = () => mock.calls.filter((c) => !c.path.endsWith('/oauth2/v2.0/token'));
const requests = () => apiCalls().map((c) => `${c.method} ${c.path}?${c.query.toString()}`);
const find = (name: string) =>
  `GET /api/machines?${new URLSearchParams({ $filter: `computerDnsName eq '${name}'` }).toString()}`;
const state = (id = WS?.id) => mock.machines.get(id ?? '')?.isolation;
const ISOLATE = { hostname: HOST, comment: 'Ransomware alert da637', isolationType: 'Selective' };

describe('Defender tokens', () => {
  it('when two calls are made then one token is fetched from the tenant with the securitycenter .default scope and both use it', async () => {
    await run('get_machine', { hostname: HOST });
    await run('test_connection', {});

    expect(mock.tokenRequests).toHaveLength(1);
    expect(mock.tokenRequests[0]?.path).toBe(`/${MDE_TENANT}/oauth2/v2.0/token`);
    expect(Object.fromEntries(new URLSearchParams(mock.tokenRequests[0]?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: MDE_CLIENT_ID,
      client_secret: MDE_SECRET,
      scope: MDE_SCOPE,
    });
    expect(new Set(apiCalls().map((c) => c.headers.authorization))).toEqual(
      new Set(['Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.mde-1']),
    );
  });

  it('when the settings are filled in then the token is asked at the tenant and the API on the chosen host', () => {
    const { auth, baseUrl } = mde;

    expect(auth.type === 'oauth2_client_credentials' && fillUrl(auth.tokenUrl, { tenant: MDE_TENANT })).toBe(
      `https://login.microsoftonline.com/${MDE_TENANT}/oauth2/v2.0/token`,
    );
    for (const apiHost of DEFENDER_API_HOSTS) expect(fillUrl(baseUrl, { apiHost })).toBe(`https://${apiHost}`);
  });

  it('when the client secret is wrong then the error is auth without the secret and no API call is made', async () => {
    const e = await failure(run('isolate_machine', ISOLATE, `${MDE_CLIENT_ID}:Wr0ngQ~S3cretWr0ngS3cret`));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('invalid_client');
    expect(`${e.message} ${JSON.stringify(e)}`).not.toContain('Wr0ngQ~S3cret');
    expect(apiCalls()).toHaveLength(0);
    expect(state()).toBe('none');
  });
});

describe('Defender isolation', () => {
  it('when a machine is isolated then it is found by DNS name and the isolate request names its id with the comment and type', async () => {
    const result = await run('isolate_machine', ISOLATE);

    expect(requests()).toEqual([find(HOST), `POST /api/machines/${WS?.id}/isolate?`]);
    expect(JSON.parse(apiCalls()[1]?.body ?? '')).toEqual({
      Comment: 'Ransomware alert da637',
      IsolationType: 'Selective',
    });
    expect(apiCalls()[1]?.headers['content-type']).toBe('application/json');
    expect(result).toMatchObject({
      status: 201,
      output: {
        type: 'Isolate',
        scope: 'Selective',
        status: 'Pending',
        machineId: WS?.id,
        requestorComment: 'Ransomware alert da637',
      },
    });
    expect(state()).toBe('isolating');
    expect(state(SRV?.id)).toBe('none');
  });

  it('when no isolation type is given then Full is sent', async () => {
    await run('isolate_machine', { hostname: HOST, comment: 'c' });

    expect(JSON.parse(apiCalls()[1]?.body ?? '')).toEqual({ Comment: 'c', IsolationType: 'Full' });
  });

  it('when a machine is released then the unisolate request carries the comment only and the machine gets its network back', async () => {
    await run('isolate_machine', ISOLATE);
    mock.settle();

    const result = await run('release_machine', { hostname: HOST, comment: 'False positive' });

    expect(requests().slice(2)).toEqual([find(HOST), `POST /api/machines/${WS?.id}/unisolate?`]);
    expect(JSON.parse(apiCalls()[3]?.body ?? '')).toEqual({ Comment: 'False positive' });
    expect(result.output).toMatchObject({ type: 'Unisolate', scope: null, status: 'Pending' });
    mock.settle();
    expect(state()).toBe('none');
  });

  it('when no machine has the DNS name then the error is not_found naming it and nothing is isolated', async () => {
    const e = await failure(run('isolate_machine', { ...ISOLATE, hostname: 'ws-ghost-9.contoso.com' }));

    expect(e).toMatchObject({ kind: 'not_found', retryable: false });
    expect(e.message).toBe(
      'microsoft-defender-endpoint.isolate_machine: no Defender machine has the DNS name ws-ghost-9.contoso.com',
    );
    expect(requests()).toEqual([find('ws-ghost-9.contoso.com')]);
  });

  it('when the app lacks Machine.Isolate then the 403 is an auth error naming the permission and the machine stays connected', async () => {
    const e = await failure(run('isolate_machine', ISOLATE, `${MDE_READER_ID}:${MDE_READER_SECRET}`));

    expect(e).toMatchObject({ kind: 'auth', status: 403, retryable: false });
    expect(e.message).toContain('Machine.Isolate');
    expect(state()).toBe('none');
  });

  it("when the same isolation is still pending then Defender's 400 ActiveRequestAlreadyExists is reported, not retried", async () => {
    await run('isolate_machine', ISOLATE);

    const e = await failure(run('isolate_machine', ISOLATE));

    expect(e).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(e.message).toContain('ActiveRequestAlreadyExists');
    expect(apiCalls()).toHaveLength(4);
  });

  it('when the hostname could end the OData string then the call is refused before anything is sent', async () => {
    const e = await failure(run('isolate_machine', { ...ISOLATE, hostname: "x' or true or computerDnsName eq 'y" }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });
});

describe('Defender reads', () => {
  it('when a machine is read then its id, OS, health and addresses come back', async () => {
    const result = await run('get_machine', { hostname: 'SRV-WEB-01.contoso.com' });

    expect(requests()).toEqual([find('SRV-WEB-01.contoso.com')]);
    expect(result.output).toMatchObject({
      value: [
        {
          id: SRV?.id,
          computerDnsName: 'srv-web-01.contoso.com',
          osPlatform: 'WindowsServer2022',
          healthStatus: 'Active',
          lastIpAddress: '10.30.0.11',
        },
      ],
    });
  });

  it('when an isolation is followed then its action reads Pending, then Succeeded once the sensor acts', async () => {
    const isolated = await run('isolate_machine', ISOLATE);
    const actionId = (isolated.output as { id: string }).id;

    const pending = await run('get_machine_action', { action_id: actionId });
    mock.settle();
    const done = await run('get_machine_action', { action_id: actionId });

    expect(requests().slice(2)).toEqual([
      `GET /api/machineactions/${actionId}?`,
      `GET /api/machineactions/${actionId}?`,
    ]);
    expect(pending.output).toMatchObject({ id: actionId, type: 'Isolate', status: 'Pending', machineId: WS?.id });
    expect(done.output).toMatchObject({ id: actionId, status: 'Succeeded' });
  });

  it("when the machine action does not exist then the error is not_found with Defender's code", async () => {
    const e = await failure(run('get_machine_action', { action_id: '00000000-0000-4000-8000-000000000000' }));

    expect(e).toMatchObject({ kind: 'not_found', status: 404, retryable: false });
    expect(e.message).toContain('ResourceNotFound');
  });

  it('when the connection is tested then one machine id is listed', async () => {
    const health = mde.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(requests()).toEqual(['GET /api/machines?%24top=1&%24select=id']);
    expect(result.output).toMatchObject({ value: [{ id: WS?.id }] });
  });

  it.each(Object.keys(mde.actions))(
    'when %s answers then the answer and the example both match its response schema, without drift',
    async (id) => {
      const action = mde.actions[id];
      const followed = id === 'get_machine_action' ? await run('isolate_machine', ISOLATE) : undefined;
      const params: Record<string, Record<string, unknown>> = {
        get_machine_action: { action_id: (followed?.output as { id?: string } | undefined)?.id },
        isolate_machine: ISOLATE,
        release_machine: { hostname: HOST, comment: 'c' },
        get_machine: { hostname: HOST },
      };
      const result = await run(id, params[id] ?? {});

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      // The schema declares every field the vendor sends, so live answers show no drift.
      expect(detectDrift(action?.response ?? {}, result.output)).toEqual([]);
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );
});

describe('Defender rate limits', () => {
  it('when the API answers 429 then the client waits Retry-After and the machine is isolated once', async () => {
    await run('test_connection', {});
    mock.rateLimitNext(1, 23);

    await run('isolate_machine', ISOLATE);

    expect(t.waits).toEqual([23_000]);
    expect(requests().slice(1)).toEqual([find(HOST), find(HOST), `POST /api/machines/${WS?.id}/isolate?`]);
    expect(state()).toBe('isolating');
  });
});
