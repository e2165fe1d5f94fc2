/**
 * The Opsgenie connector against its mock over real HTTP: the GenieKey header, create (body
 * as sent, 202 with a requestId, dedup by alias), the request status, close by alias with a
 * note, a missing alert, a 422 validation answer, a read-only key, a wrong key, throttling
 * (429 with X-RateLimit-Period-In-Sec, no Retry-After) and list_alerts as the health action.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillUrl } from '../../src/connectors/request';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { OPSGENIE_REGIONS, opsgenie } from './definition';
import { OPSGENIE_KEY, READ_ONLY_KEY, startOpsgenieMock, type OpsgenieMock } from './mock';

let mock: OpsgenieMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startOpsgenieMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.rateLimitNext(0);
  mock.reset();
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = OPSGENIE_KEY) =>
  t.client.execute({
    definition: opsgenie,
    action,
    params,
    credential,
    settings: { region: 'api.eu.opsgenie.com' },
    baseUrl: mock.baseUrl,
  });
const seen = () => mock.calls.map((c) => `${c.method} ${c.path}${c.query.size ? `?${c.query.toString()}` : ''}`);
const ALERT = {
  message: 'Phishing: credential harvesting from 203.0.113.66',
  alias: 'autonomic-run-7',
  description: 'Reported by j.doe; sender blocked.',
  priority: 'P2',
  tags: ['phishing', 'soar'],
  details: { host: 'WS-FIN-0042', run: '7' },
  entity: 'j.doe@contoso.com',
};
const requestId = (output: unknown) => (output as { requestId: string }).requestId;

describe('Opsgenie alerts', () => {
  it('when an alert is created then the GenieKey header and the alert body are sent and 202 gives a requestId', async () => {
    const result = await run('create_alert', ALERT);

    expect(seen()).toEqual(['POST /v2/alerts']);
    expect(mock.calls[0]?.headers.authorization).toBe(`GenieKey ${OPSGENIE_KEY}`);
    expect(JSON.parse(mock.calls[0]?.body ?? '')).toEqual({ ...ALERT, source: 'Autonomic' });
    expect(result).toMatchObject({ status: 202, output: { result: 'Request will be processed' } });
    expect(requestId(result.output)).toMatch(/^[0-9a-f-]{36}$/);
    expect(mock.alerts).toMatchObject([{ alias: 'autonomic-run-7', priority: 'P2', status: 'open', count: 1 }]);
  });

  it('when only a message is given then priority P3 and the source are sent and nothing else', async () => {
    await run('create_alert', { message: 'Host isolated' });

    expect(JSON.parse(mock.calls[0]?.body ?? '')).toEqual({
      message: 'Host isolated',
      priority: 'P3',
      source: 'Autonomic',
    });
  });

  it('when the same alias is created twice then Opsgenie counts the repeat and the request status says so', async () => {
    await run('create_alert', ALERT);
    const again = await run('create_alert', ALERT);

    expect(mock.alerts).toHaveLength(1);
    expect(mock.alerts[0]?.count).toBe(2);
    const status = await run('get_request_status', { requestId: requestId(again.output) });
    expect(seen()[2]).toBe(`GET /v2/alerts/requests/${requestId(again.output)}`);
    expect(status.output).toMatchObject({
      data: { success: true, action: 'Create', status: 'Alert is deduplicated', alias: 'autonomic-run-7' },
    });
  });

  it('when an alert is closed by alias then the close path, identifierType and note are sent and it is closed', async () => {
    await run('create_alert', ALERT);

    const result = await run('close_alert', { identifier: 'autonomic-run-7', note: 'Contained by playbook run 7' });

    expect(seen()[1]).toBe('POST /v2/alerts/autonomic-run-7/close?identifierType=alias');
    expect(JSON.parse(mock.calls[1]?.body ?? '')).toEqual({ note: 'Contained by playbook run 7', source: 'Autonomic' });
    expect(result.status).toBe(202);
    expect(mock.alerts[0]).toMatchObject({ status: 'closed', notes: ['Contained by playbook run 7'] });
  });

  it('when an alert is closed by tiny id then identifierType=tiny is sent', async () => {
    await run('create_alert', ALERT);

    await run('close_alert', { identifier: mock.alerts[0]?.tinyId, identifierType: 'tiny' });

    expect(seen()[1]).toBe(`POST /v2/alerts/${mock.alerts[0]?.tinyId}/close?identifierType=tiny`);
    expect(mock.alerts[0]?.status).toBe('closed');
  });

  it('when the alert does not exist then closing it is not_found', async () => {
    const e = await failure(run('close_alert', { identifier: 'autonomic-run-404' }));

    expect(e).toMatchObject({ kind: 'not_found', status: 404, retryable: false });
    expect(e.message).toContain('Alert does not exist');
  });

  it('when Opsgenie refuses the body (422) then the error is http with its errors', async () => {
    const e = await failure(run('create_alert', { message: '   ' }));

    expect(e).toMatchObject({ kind: 'http', status: 422, retryable: false });
    expect(e.message).toContain('Message can not be empty.');
  });

  it.each([
    ['a message over 130 characters', { message: 'x'.repeat(131) }],
    ['an unknown priority', { message: 'm', priority: 'P0' }],
    ['a detail that is not text', { message: 'm', details: { n: 1 } }],
  ])('when the params hold %s then nothing is sent', async (_what, params) => {
    const e = await failure(run('create_alert', params));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });
});

describe('Opsgenie credentials and limits', () => {
  it('when the key is wrong then the error is auth without the key', async () => {
    const wrong = '0badc0de-0000-4000-8000-00000000dead';
    const e = await failure(run('create_alert', ALERT, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('Could not authenticate');
    expect(JSON.stringify([e.message, e])).not.toContain(wrong);
    expect(mock.alerts).toHaveLength(0);
  });

  it('when the key has the Read right only then creating is a 403 auth error', async () => {
    const e = await failure(run('create_alert', ALERT, READ_ONLY_KEY));

    expect(e).toMatchObject({ kind: 'auth', status: 403 });
    expect(mock.alerts).toHaveLength(0);
  });

  it('when Opsgenie throttles with a 1 s window then the client waits X-RateLimit-Period-In-Sec and the alert is created', async () => {
    mock.rateLimitNext(1, 1);

    const result = await run('create_alert', ALERT);

    expect(result.status).toBe(202);
    expect(t.waits).toEqual([1_000]);
    expect(mock.calls).toHaveLength(2);
    expect(mock.alerts).toHaveLength(1);
  });

  it('when the throttle window is a minute then the call ends at once as rate_limited asking for 60 s', async () => {
    mock.rateLimitNext(1, 60);

    const e = await failure(run('create_alert', ALERT));

    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 60_000 });
    expect(t.waits).toEqual([]);
    expect(mock.calls).toHaveLength(1);
  });

  it.each(OPSGENIE_REGIONS)('when the region is %s then requests go to that API host', (region) => {
    expect(fillUrl(opsgenie.baseUrl, { region })).toBe(`https://${region}`);
  });
});

describe('Opsgenie reads', () => {
  it('when the connection is tested then one alert is listed, newest first', async () => {
    await run('create_alert', { message: 'first', alias: 'a-1' });
    await run('create_alert', { message: 'second', alias: 'a-2' });
    const health = opsgenie.healthAction;

    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(seen()[2]).toBe('GET /v2/alerts?limit=1&sort=createdAt&order=desc');
    expect(result.output).toMatchObject({ data: [{ alias: 'a-2', message: 'second', status: 'open' }] });
  });

  it('when alerts are searched then the query is sent and only the matching ones come back', async () => {
    await run('create_alert', ALERT);
    await run('create_alert', { message: 'other', alias: 'a-2', tags: ['malware'] });

    const result = await run('list_alerts', { query: 'status:open AND tag:phishing' }, READ_ONLY_KEY);

    expect(mock.calls[2]?.query.get('query')).toBe('status:open AND tag:phishing');
    expect((result.output as { data: Array<{ alias: string }> }).data.map((a) => a.alias)).toEqual(['autonomic-run-7']);
  });

  it.each(Object.keys(opsgenie.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const created = await run('create_alert', ALERT);
      const params: Record<string, Record<string, unknown>> = {
        create_alert: { message: 'second' },
        close_alert: { identifier: ALERT.alias },
        get_request_status: { requestId: requestId(created.output) },
        list_alerts: {},
      };
      const action = opsgenie.actions[id];
      const result = await run(id, params[id] ?? {});

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );
});
