/**
 * The PagerDuty Events v2 connector against its mock over real HTTP: the routing key as a
 * body field, trigger / acknowledge / resolve by dedup key, a wrong key and a blank summary
 * (PagerDuty's 400 `invalid event`), and a 429 without Retry-After that the client backs off.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { detectDrift } from '../../src/connectors/drift';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { pagerdutyEvents } from './definition';
import { ROUTING_KEY, startPagerDutyMock, type PagerDutyMock } from './mock';

let mock: PagerDutyMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startPagerDutyMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.alerts.clear();
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = ROUTING_KEY) =>
  t.client.execute({ definition: pagerdutyEvents, action, params, credential, baseUrl: mock.baseUrl });
const sent = (i = 0) => JSON.parse(mock.calls[i]?.body ?? '') as Record<string, unknown>;
const ALERT = { summary: 'Ransomware on ws-fin-0042', source: 'ws-fin-0042.contoso.com', severity: 'critical' };
const shown = (e: Error) => `${e.message} ${JSON.stringify(e)} ${String(e.stack)}`;

describe('PagerDuty events', () => {
  it('when an alert is triggered then the event carries the routing key in the body and the 202 gives its dedup key', async () => {
    const result = await run('trigger_alert', {
      ...ALERT,
      dedup_key: 'case-4211',
      component: 'smb',
      custom_details: { alert_id: 'da637', user: 'j.doe' },
      client_url: 'https://soar.acme.example/runs/7',
    });

    expect(result).toEqual({
      status: 202,
      output: { status: 'success', message: 'Event processed', dedup_key: 'case-4211' },
    });
    const [call] = mock.calls;
    expect([call?.method, call?.path, call?.headers['content-type']]).toEqual([
      'POST',
      '/v2/enqueue',
      'application/json',
    ]);
    expect(call?.headers.authorization).toBeUndefined();
    expect(sent()).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'case-4211',
      payload: { ...ALERT, component: 'smb', custom_details: { alert_id: 'da637', user: 'j.doe' } },
      client: 'Autonomic',
      client_url: 'https://soar.acme.example/runs/7',
    });
    expect(mock.alerts.get('case-4211')).toMatchObject({ status: 'triggered', severity: 'critical' });
  });

  it('when no dedup key is given then PagerDuty makes one, and acknowledge and resolve with it move the alert', async () => {
    const trigger = await run('trigger_alert', ALERT);
    const key = (trigger.output as { dedup_key: string }).dedup_key;
    expect(sent()).not.toHaveProperty('dedup_key');
    expect(key).toMatch(/^[0-9a-f]{32}$/);

    await run('acknowledge_alert', { dedup_key: key });
    expect(sent(1)).toEqual({ routing_key: ROUTING_KEY, event_action: 'acknowledge', dedup_key: key });
    expect(mock.alerts.get(key)?.status).toBe('acknowledged');

    const resolved = await run('resolve_alert', { dedup_key: key });
    expect(sent(2)).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: key });
    expect(resolved.output).toEqual({ status: 'success', message: 'Event processed', dedup_key: key });
    expect(mock.alerts.get(key)?.status).toBe('resolved');
  });

  it('when the same dedup key is triggered twice then one alert holds both and resolving twice is accepted', async () => {
    await run('trigger_alert', { ...ALERT, dedup_key: 'case-9' });
    await run('trigger_alert', { ...ALERT, dedup_key: 'case-9', severity: 'error' });
    await run('resolve_alert', { dedup_key: 'case-9' });
    const again = await run('resolve_alert', { dedup_key: 'case-9' });

    expect(again.status).toBe(202);
    expect([...mock.alerts.entries()]).toEqual([
      ['case-9', expect.objectContaining({ triggers: 2, status: 'resolved' })],
    ]);
  });

  it('when a param is named routing_key then it is refused and cannot replace the credential', async () => {
    const e = await failure(run('trigger_alert', { ...ALERT, routing_key: 'X'.repeat(32) }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });

  it.each(Object.keys(pagerdutyEvents.actions))(
    'when %s answers then the answer and the example both match its response schema, without drift',
    async (id) => {
      const action = pagerdutyEvents.actions[id];
      const result = await run(id, id === 'trigger_alert' ? ALERT : { dedup_key: 'case-1' });

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      // The schema declares every field the vendor sends, so live answers show no drift.
      expect(detectDrift(action?.response ?? {}, result.output)).toEqual([]);
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );

  it('when the definition is read then it has no health action (the Events API has nothing to read)', () => {
    expect(pagerdutyEvents.healthAction).toBeUndefined();
    expect(Object.values(pagerdutyEvents.actions).map((a) => a.effect)).toEqual(['write', 'write', 'write']);
  });
});

describe('PagerDuty errors', () => {
  it("when the routing key is unknown then PagerDuty's 400 says so, is not retried and does not show the key", async () => {
    const wrong = 'WRONGKEY0000000000000000000ZZZZZ';
    const e = await failure(run('trigger_alert', ALERT, wrong));

    // The Events API has no 401: a wrong key is an invalid event.
    expect(e).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(e.message).toContain('Invalid routing key');
    expect(shown(e)).not.toContain(wrong);
    expect(mock.calls).toHaveLength(1);
    expect(mock.alerts.size).toBe(0);
  });

  it("when the summary is blank then PagerDuty's invalid event names the field and no alert is opened", async () => {
    const e = await failure(run('trigger_alert', { ...ALERT, summary: '   ' }));

    expect(e).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(e.message).toContain("'payload.summary' is missing or blank");
    expect(shown(e)).not.toContain(ROUTING_KEY);
    expect(mock.alerts.size).toBe(0);
  });

  it('when the severity is not one PagerDuty knows then nothing is sent', async () => {
    const e = await failure(run('trigger_alert', { ...ALERT, severity: 'high' }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });

  it('when PagerDuty throttles without Retry-After then the client backs off and the alert is opened once', async () => {
    mock.rateLimitNext(1);

    const result = await run('trigger_alert', { ...ALERT, dedup_key: 'case-5' });

    expect(result.status).toBe(202);
    expect(t.waits).toEqual([500]);
    expect(mock.calls).toHaveLength(2);
    expect(mock.alerts.get('case-5')?.triggers).toBe(1);
  });

  it('when PagerDuty keeps throttling then the call fails as rate_limited with its message', async () => {
    mock.rateLimitNext(5);

    const e = await failure(run('resolve_alert', { dedup_key: 'case-5' }));

    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true });
    expect(e.message).toContain('arriving too quickly');
    expect(t.waits).toEqual([500, 1_000]);
  });
});
