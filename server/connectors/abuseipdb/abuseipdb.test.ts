/** The AbuseIPDB connector against its mock over real HTTP. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { abuseipdb } from './definition';
import { checkAnswer } from '../../src/connectors/schemas';
import { ABUSEIPDB_KEY, startAbuseIpdbMock } from './mock';
import type { VendorMock } from '../vendor-mock';
import { failure, testClient, type TestClient } from '../../test/connectors/support';

let mock: VendorMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startAbuseIpdbMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const check = (params: Record<string, unknown>, credential = ABUSEIPDB_KEY, definition = abuseipdb) =>
  t.client.execute({ definition, action: 'check_ip', params, credential, baseUrl: mock.baseUrl });
const checkIp = abuseipdb.actions['check_ip'];

describe('AbuseIPDB check_ip', () => {
  it('when a reported address is checked then the score, country and ISP come back and the key went in the Key header', async () => {
    const result = await check({ ipAddress: '118.25.6.39' });

    expect(result.status).toBe(200);
    expect(result.output).toMatchObject({
      data: { ipAddress: '118.25.6.39', abuseConfidenceScore: 100, countryCode: 'CN', totalReports: 1537 },
    });
    const [call] = mock.calls;
    expect(call?.path).toBe('/api/v2/check');
    expect(call?.headers['key']).toBe(ABUSEIPDB_KEY);
    // maxAgeInDays was not given: the params schema's default is sent.
    expect(Object.fromEntries(call?.query ?? [])).toEqual({ ipAddress: '118.25.6.39', maxAgeInDays: '30' });
  });

  it('when the mock answers then its answer and the definition example both match the response schema', async () => {
    const clean = await check({ ipAddress: '2001:db8::1', maxAgeInDays: 7 });

    expect(checkAnswer(checkIp?.response ?? {}, clean.output)).toEqual({ ok: true, value: clean.output });
    expect(checkAnswer(checkIp?.response ?? {}, checkIp?.example).ok).toBe(true);
    expect(clean.output).toMatchObject({ data: { abuseConfidenceScore: 0, lastReportedAt: null, ipVersion: 6 } });
  });

  it('when the connection is tested then the health action succeeds', async () => {
    const health = abuseipdb.healthAction;
    const result = await t.client.execute({
      definition: abuseipdb,
      action: health?.action ?? '',
      params: health?.params ?? {},
      credential: ABUSEIPDB_KEY,
      baseUrl: mock.baseUrl,
    });
    expect(result.status).toBe(200);
  });

  it('when the key is wrong then the error is auth with the vendor detail and without the key', async () => {
    const wrong = 'wrong-key-a1b2c3d4e5f6';
    const e = await failure(check({ ipAddress: '118.25.6.39' }, wrong));

    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.message).toContain('Authentication failed');
    expect(e.message).not.toContain(wrong);
    expect(mock.calls).toHaveLength(1);
  });

  it('when one call is rate limited then the client waits Retry-After and the retry succeeds', async () => {
    mock.rateLimitNext(1, 2);
    const result = await check({ ipAddress: '118.25.6.39' });

    expect(result.status).toBe(200);
    expect(t.waits).toEqual([2_000]);
    expect(mock.calls).toHaveLength(2);
  });

  it('when every attempt is rate limited then the error is rate_limited after three attempts with the wait asked for', async () => {
    mock.rateLimitNext(5, 1);
    const e = await failure(check({ ipAddress: '118.25.6.39' }));

    expect(e.kind).toBe('rate_limited');
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBe(1_000);
    expect(e.message).toContain('Daily rate limit');
    expect(t.waits).toEqual([1_000, 1_000]);
    expect(mock.calls).toHaveLength(3);
  });

  it('when the path does not exist then the error is not_found', async () => {
    const typo = { ...abuseipdb, actions: { check_ip: { ...checkIp!, path: '/api/v2/chek' } } };
    const e = await failure(check({ ipAddress: '118.25.6.39' }, ABUSEIPDB_KEY, typo));

    expect(e.kind).toBe('not_found');
    expect(e.status).toBe(404);
  });

  it('when the address is not an IP then nothing is sent and the error names the param', async () => {
    const e = await failure(check({ ipAddress: 'not-an-ip' }));

    expect(e.kind).toBe('invalid_params');
    expect(e.message).toContain('/ipAddress');
    expect(mock.calls).toHaveLength(0);
  });
});
