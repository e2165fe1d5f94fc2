/**
 * The CrowdStrike Falcon connector against its mock over real HTTP: OAuth2 tokens (201,
 * cached, a wrong secret), contain and lift (find by hostname, then act on the device id),
 * a hostname without a device, get_host, a missing scope, and 429s whose wait is
 * X-RateLimit-RetryAfter in epoch seconds — on a virtual clock shared with the mock.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillUrl } from '../../src/connectors/request';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { crowdstrikeFalcon, FALCON_CLOUDS } from './definition';
import {
  FALCON_CLIENT_ID,
  FALCON_SECRET,
  READ_ONLY_CLIENT_ID,
  READ_ONLY_SECRET,
  SEED_DEVICES,
  startFalconMock,
  type FalconMock,
} from './mock';

let mock: FalconMock;
let t: TestClient;
let clock: number;
beforeAll(async () => {
  mock = await startFalconMock();
});
beforeEach(() => {
  clock = Date.parse('2026-12-05T22:00:00Z');
  mock.options.now = () => clock;
  t = testClient({ now: () => clock });
  mock.calls.length = 0;
  mock.tokenRequests.length = 0;
  mock.revoked.clear();
  mock.reset();
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const CREDENTIAL = `${FALCON_CLIENT_ID}:${FALCON_SECRET}`;
/** The definition with its token URL on the mock (the base URL is replaced per call, the token URL is not). */
function onMock(): ConnectorDefinition {
  const { auth } = crowdstrikeFalcon;
  if (auth.type !== 'oauth2_client_credentials') throw new Error('Falcon authenticates with OAuth2');
  return { ...crowdstrikeFalcon, auth: { ...auth, tokenUrl: `${mock.baseUrl}/oauth2/token` } };
}
const run = (action: string, params: Record<string, unknown>, credential = CREDENTIAL) =>
  t.client.execute({
    definition: onMock(),
    action,
    params,
    credential,
    settings: { cloud: 'api.crowdstrike.com' },
    baseUrl: mock.baseUrl,
  });

/** WS-FIN-0042's live record (seen last) and the stale one its re-image left. */
const [LIVE, STALE, SERVER] = SEED_DEVICES.map((d) => d.device_id);
const HOST = 'WS-FIN-0042';
const apiCalls = () => mock.calls.filter((c) => c.path !== '/oauth2/token');
const requests = () => apiCalls().map((c) => `${c.method} ${c.path}?${decodeURIComponent(c.query.toString())}`);
const FIND = `GET /devices/queries/devices/v1?filter=hostname:'${HOST}'&sort=last_seen.desc&limit=1`;

describe('Falcon OAuth2 tokens', () => {
  it('when several calls are made then one token is fetched with the client id and secret in the form, and every call uses it', async () => {
    await run('contain_host', { hostname: HOST });
    await run('get_host', { hostname: HOST });

    expect(mock.tokenRequests).toHaveLength(1);
    const form = Object.fromEntries(new URLSearchParams(mock.tokenRequests[0]?.body));
    expect(form).toMatchObject({ client_id: FALCON_CLIENT_ID, client_secret: FALCON_SECRET });
    const bearers = new Set(apiCalls().map((c) => c.headers.authorization));
    expect(apiCalls()).toHaveLength(4);
    expect([...bearers]).toEqual(['Bearer eyJhbGciOiJSUzI1NiJ9.falcon-1']);
  });

  it('when the token nears its 1799 s lifetime (less the skew) then a new one is fetched', async () => {
    await run('test_connection', {});
    clock += (1_799 - 60) * 1_000;
    await run('test_connection', {});

    expect(mock.tokenRequests).toHaveLength(2);
  });

  it.each(FALCON_CLOUDS)('when the cloud setting is %s then the token and the API are asked on that host', (cloud) => {
    const { auth, baseUrl } = crowdstrikeFalcon;

    expect(auth.type === 'oauth2_client_credentials' && fillUrl(auth.tokenUrl, { cloud })).toBe(
      `https://${cloud}/oauth2/token`,
    );
    expect(fillUrl(baseUrl, { cloud })).toBe(`https://${cloud}`);
  });

  it('when the client secret is wrong then the error is auth without the secret and no API call is made', async () => {
    const wrong = `${FALCON_CLIENT_ID}:Wr0ngS3cretWr0ngS3cretWr0ngS3cret00`;
    const e = await failure(run('contain_host', { hostname: HOST }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 403, retryable: false });
    expect(e.message).toContain('Failed to issue access token');
    expect(e.message).not.toContain('Wr0ngS3cret');
    expect(JSON.stringify(e)).not.toContain('Wr0ngS3cret');
    expect(apiCalls()).toHaveLength(0);
    expect(mock.devices.get(LIVE ?? '')?.status).toBe('normal');
  });

  it('when the API refuses a revoked token (401) then one new token is fetched and the call succeeds', async () => {
    await run('test_connection', {});
    mock.revoked.add('eyJhbGciOiJSUzI1NiJ9.falcon-1');

    const result = await run('test_connection', {});

    expect(result.status).toBe(200);
    expect(mock.tokenRequests).toHaveLength(2);
    expect(apiCalls().map((c) => c.headers.authorization?.slice(-8))).toEqual(['falcon-1', 'falcon-1', 'falcon-2']);
  });
});

describe('Falcon containment', () => {
  it('when a host is contained then its live device is found by hostname and the contain action names its id', async () => {
    const result = await run('contain_host', { hostname: HOST });

    expect(requests()).toEqual([FIND, 'POST /devices/entities/devices-actions/v2?action_name=contain']);
    expect(JSON.parse(apiCalls()[1]?.body ?? '')).toEqual({ ids: [LIVE] });
    expect(result).toMatchObject({ status: 202, output: { resources: [{ id: LIVE }], errors: [] } });
    expect(mock.devices.get(LIVE ?? '')?.status).toBe('containment_pending');
    expect(mock.devices.get(STALE ?? '')?.status).toBe('normal');
  });

  it('when no device has the hostname then the error is not_found naming the host and no action is sent', async () => {
    const e = await failure(run('contain_host', { hostname: 'WS-GHOST-9' }));

    expect(e).toMatchObject({ kind: 'not_found', retryable: false });
    expect(e.message).toBe('crowdstrike-falcon.contain_host: no Falcon device has the hostname WS-GHOST-9');
    expect(requests()).toEqual([
      `GET /devices/queries/devices/v1?filter=hostname:'WS-GHOST-9'&sort=last_seen.desc&limit=1`,
    ]);
  });

  it('when containment is lifted then the device goes back to normal through lift_containment_pending', async () => {
    await run('contain_host', { hostname: HOST });
    mock.acknowledge();
    expect(mock.devices.get(LIVE ?? '')?.status).toBe('contained');

    const result = await run('lift_containment', { hostname: HOST });

    expect(result.status).toBe(202);
    expect(requests().slice(2)).toEqual([
      FIND,
      'POST /devices/entities/devices-actions/v2?action_name=lift_containment',
    ]);
    expect(JSON.parse(apiCalls()[3]?.body ?? '')).toEqual({ ids: [LIVE] });
    expect(mock.devices.get(LIVE ?? '')?.status).toBe('lift_containment_pending');
    mock.acknowledge();
    expect(mock.devices.get(LIVE ?? '')?.status).toBe('normal');
  });

  it('when the API client lacks the Hosts write scope then the 403 is an auth error and the host stays as it was', async () => {
    const e = await failure(run('contain_host', { hostname: HOST }, `${READ_ONLY_CLIENT_ID}:${READ_ONLY_SECRET}`));

    expect(e).toMatchObject({ kind: 'auth', status: 403, retryable: false });
    expect(e.message).toContain('access denied, authorization failed');
    expect(mock.tokenRequests).toHaveLength(1);
    expect(mock.devices.get(LIVE ?? '')?.status).toBe('normal');
  });

  it('when the hostname could end the FQL string then the call is refused before anything is sent', async () => {
    const e = await failure(run('contain_host', { hostname: "x' + hostname:*'" }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });

  it('when the cloud setting is not a Falcon cloud then nothing is sent', async () => {
    const e = await failure(
      t.client.execute({
        definition: onMock(),
        action: 'contain_host',
        params: { hostname: HOST },
        credential: CREDENTIAL,
        settings: { cloud: 'evil.example' },
        baseUrl: mock.baseUrl,
      }),
    );

    expect(e).toMatchObject({ kind: 'invalid_params', message: expect.stringContaining('settings') });
    expect(mock.calls).toHaveLength(0);
  });
});

describe('Falcon reads', () => {
  it('when a contained host is read then its details come back and match the response schema', async () => {
    await run('contain_host', { hostname: HOST });
    mock.acknowledge();

    const result = await run('get_host', { hostname: HOST });

    expect(requests().slice(2)).toEqual([FIND, `GET /devices/entities/devices/v2?ids=${LIVE}`]);
    expect(result.output).toMatchObject({
      resources: [
        {
          device_id: LIVE,
          hostname: HOST,
          platform_name: 'Windows',
          os_version: 'Windows 11',
          status: 'contained',
          last_seen: '2026-12-05T21:28:44Z',
          local_ip: '10.20.4.42',
          external_ip: '198.51.100.23',
        },
      ],
    });
    const schema = crowdstrikeFalcon.actions['get_host']?.response ?? {};
    expect(checkAnswer(schema, result.output)).toEqual({ ok: true, value: result.output });
  });

  it('when the connection is tested then one device id comes back', async () => {
    const health = crowdstrikeFalcon.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(requests()).toEqual(['GET /devices/queries/devices/v1?limit=1']);
    expect(result.output).toMatchObject({ resources: [expect.stringMatching(/^[0-9a-f]{32}$/)] });
    expect([LIVE, STALE, SERVER]).toContain((result.output as { resources: string[] }).resources[0]);
  });

  it.each(Object.keys(crowdstrikeFalcon.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const action = crowdstrikeFalcon.actions[id];
      const result = await run(id, id === 'test_connection' ? {} : { hostname: 'srv-web-01' });

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );
});

describe('Falcon rate limits', () => {
  it('when the API answers 429 then the client waits until X-RateLimit-RetryAfter (epoch seconds) and the host is contained', async () => {
    await run('test_connection', {});
    mock.rateLimitNext(1, 7);

    await run('contain_host', { hostname: HOST });

    expect(t.waits).toEqual([7_000]);
    expect(requests().slice(1)).toEqual([FIND, FIND, 'POST /devices/entities/devices-actions/v2?action_name=contain']);
    expect(mock.devices.get(LIVE ?? '')?.status).toBe('containment_pending');
  });

  it('when the token endpoint answers 429 then the token is asked for again after X-RateLimit-RetryAfter', async () => {
    mock.rateLimitNext(1, 2);

    const result = await run('test_connection', {});

    expect(result.status).toBe(200);
    expect(t.waits).toEqual([2_000]);
    expect(mock.calls.map((c) => c.path)).toEqual(['/oauth2/token', '/oauth2/token', '/devices/queries/devices/v1']);
  });

  it('when the API keeps answering 429 then the call fails as rate_limited after 3 attempts with the asked wait', async () => {
    await run('test_connection', {});
    mock.rateLimitNext(5, 4);

    const e = await failure(run('get_host', { hostname: HOST }));

    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 4_000 });
    expect(e.message).toContain('API rate limit exceeded.');
    expect(t.waits).toEqual([4_000, 4_000]);
  });
});
