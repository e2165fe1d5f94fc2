/** The VirusTotal connector against its mock over real HTTP: every action, auth, quota and unknown objects. */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { virustotal } from './definition';
import { checkAnswer } from '../../src/connectors/schemas';
import type { VendorMock } from '../vendor-mock';
import { KNOWN_SHA256, KNOWN_URL, startVirusTotalMock, VIRUSTOTAL_KEY } from './mock';
import { failure, testClient, type TestClient } from '../../test/connectors/support';

let mock: VendorMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startVirusTotalMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = VIRUSTOTAL_KEY) =>
  t.client.execute({ definition: virustotal, action, params, credential, baseUrl: mock.baseUrl });

/** url_report's id: the URL in URL-safe base64 without padding, as VirusTotal defines it. */
const urlId = (url: string) => Buffer.from(url).toString('base64url');

const LOOKUPS = [
  {
    action: 'ip_report',
    params: { ip: '203.0.113.66' },
    path: '/api/v3/ip_addresses/203.0.113.66',
    type: 'ip_address',
  },
  {
    action: 'domain_report',
    params: { domain: 'malware.example' },
    path: '/api/v3/domains/malware.example',
    type: 'domain',
  },
  { action: 'url_report', params: { id: urlId(KNOWN_URL) }, path: `/api/v3/urls/${urlId(KNOWN_URL)}`, type: 'url' },
  {
    action: 'url_report',
    params: { id: createHash('sha256').update(KNOWN_URL).digest('hex') },
    path: `/api/v3/urls/${createHash('sha256').update(KNOWN_URL).digest('hex')}`,
    type: 'url',
  },
  { action: 'file_report', params: { hash: KNOWN_SHA256 }, path: `/api/v3/files/${KNOWN_SHA256}`, type: 'file' },
  {
    action: 'file_report',
    params: { hash: '44D88612FEA8A8F36DE82E1278ABB02F' },
    path: '/api/v3/files/44D88612FEA8A8F36DE82E1278ABB02F',
    type: 'file',
  },
];

describe('VirusTotal lookups', () => {
  it.each(LOOKUPS)(
    'when $action is called with $params then the mock is asked at its path with x-apikey',
    async ({ action, params, path, type }) => {
      const result = await run(action, params);

      expect(result.status).toBe(200);
      expect(result.output).toMatchObject({
        data: { type, attributes: { last_analysis_stats: { malicious: expect.any(Number) } } },
      });
      expect(mock.calls[0]?.path).toBe(path);
      expect(mock.calls[0]?.headers['x-apikey']).toBe(VIRUSTOTAL_KEY);
    },
  );

  it.each(Object.keys(virustotal.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const action = virustotal.actions[id];
      const params = LOOKUPS.find((l) => l.action === id)?.params ?? {};
      const result = await run(id, params);

      expect(checkAnswer(action?.response ?? {}, result.output).ok).toBe(true);
      const example = checkAnswer(action?.response ?? {}, action?.example);
      expect(example).toEqual({ ok: true, value: action?.example });
    },
  );

  it('when the connection is tested then the health action succeeds', async () => {
    const health = virustotal.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});
    expect(result.status).toBe(200);
  });
});

describe('VirusTotal errors', () => {
  it('when the key is wrong then the error is auth with WrongCredentialsError and without the key', async () => {
    const wrong = 'not-the-key-9f8e7d6c5b4a';
    const e = await failure(run('ip_report', { ip: '203.0.113.66' }, wrong));

    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.message).toContain('WrongCredentialsError');
    expect(e.message).not.toContain(wrong);
  });

  it('when the quota is exceeded once then the retry after Retry-After succeeds', async () => {
    mock.rateLimitNext(1, 3);
    const result = await run('domain_report', { domain: 'malware.example' });

    expect(result.status).toBe(200);
    expect(t.waits).toEqual([3_000]);
    expect(mock.calls).toHaveLength(2);
  });

  it('when the quota stays exceeded then the error is rate_limited with QuotaExceededError', async () => {
    mock.rateLimitNext(3, 1);
    const e = await failure(run('domain_report', { domain: 'malware.example' }));

    expect(e.kind).toBe('rate_limited');
    expect(e.message).toContain('QuotaExceededError');
    expect(mock.calls).toHaveLength(3);
  });

  it('when the file is unknown then the error is not_found with the vendor message and nothing is retried', async () => {
    const e = await failure(run('file_report', { hash: 'a'.repeat(64) }));

    expect(e.kind).toBe('not_found');
    expect(e.status).toBe(404);
    expect(e.message).toContain('NotFoundError');
    expect(e.retryable).toBe(false);
    expect(mock.calls).toHaveLength(1);
  });

  it('when the hash has the wrong length then nothing is sent', async () => {
    const e = await failure(run('file_report', { hash: 'abc123' }));
    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });
});
