/**
 * The Elasticsearch connector against its mock over real HTTP: the ApiKey header, a Query
 * DSL search (query object, size, sort and _source as sent), patterns and comma lists, an
 * index that does not exist, a query that does not parse, a key without the index privilege,
 * a wrong key, a 429 without Retry-After (backoff) and the cluster health action.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillUrl } from '../../src/connectors/request';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import type { VendorMock } from '../vendor-mock';
import { elasticsearch } from './definition';
import { ES_ENCODED, ES_KEY, startElasticsearchMock, WEB_ONLY_ENCODED } from './mock';

let mock: VendorMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startElasticsearchMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  // A test that ran out of attempts leaves 429s queued; each test starts without.
  mock.rateLimitNext(0);
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = ES_ENCODED) =>
  t.client.execute({
    definition: elasticsearch,
    action,
    params,
    credential,
    settings: { host: 'es.acme.internal', port: '9200' },
    baseUrl: mock.baseUrl,
  });
const sent = (i = 0) => JSON.parse(mock.calls[i]?.body ?? 'null') as unknown;
const hits = (output: unknown) => (output as { hits: { hits: Array<{ _id: string; _source: unknown }> } }).hits.hits;
const FROM_IP = { term: { 'source.ip': '203.0.113.66' } };

describe('Elasticsearch search', () => {
  it('when an index is searched then the ApiKey header and the query DSL body are sent and the hits come back', async () => {
    const result = await run('search', { index: 'logs-auth', query: FROM_IP });

    const [call] = mock.calls;
    expect(call).toMatchObject({ method: 'POST', path: '/logs-auth/_search' });
    expect(call?.headers.authorization).toBe(`ApiKey ${ES_ENCODED}`);
    expect(call?.headers['content-type']).toBe('application/json');
    // size defaults to 10; sort and fields were not given, so they are left out.
    expect(sent()).toEqual({ query: FROM_IP, size: 10 });
    expect(result.output).toMatchObject({ timed_out: false, hits: { total: { value: 3, relation: 'eq' } } });
    expect(hits(result.output).map((h) => h._id)).toEqual([
      'iD3qPZMB2nX0cJ4yW8Z1',
      'jD3qPZMB2nX0cJ4yW8Z9',
      'kT3qPZMB2nX0cJ4yW8aB',
    ]);
  });

  it('when size, sort and fields are given then they are sent as size, sort and _source and shape the hits', async () => {
    const query = { bool: { filter: [{ term: { 'event.outcome': 'failure' } }] } };
    const result = await run('search', {
      index: 'logs-*',
      query,
      size: 2,
      sort: [{ '@timestamp': 'desc' }],
      fields: ['@timestamp', 'user.name'],
    });

    expect(mock.calls[0]?.path).toBe('/logs-*/_search');
    expect(sent()).toEqual({ query, size: 2, sort: [{ '@timestamp': 'desc' }], _source: ['@timestamp', 'user.name'] });
    expect(hits(result.output)).toEqual([
      expect.objectContaining({
        _id: 'mX4rQaNC3oY1dK5zX9bC',
        _source: { '@timestamp': '2026-12-05T21:40:00.000Z', user: { name: 'a.vance' } },
      }),
      expect.objectContaining({ _id: 'jD3qPZMB2nX0cJ4yW8Z9', sort: [Date.parse('2026-12-05T21:10:05.000Z')] }),
    ]);
    const schema = elasticsearch.actions['search']?.response ?? {};
    expect(checkAnswer(schema, result.output)).toEqual({ ok: true, value: result.output });
  });

  it('when a comma list is searched then it reaches Elasticsearch as one encoded path segment', async () => {
    const result = await run('search', {
      index: 'logs-web,logs-auth',
      query: { term: { 'source.ip': '198.51.100.23' } },
    });

    expect(mock.calls[0]?.path).toBe('/logs-web%2Clogs-auth/_search');
    expect(hits(result.output)).toHaveLength(2);
  });

  it('when the index does not exist then the error is not_found with index_not_found_exception', async () => {
    const e = await failure(run('search', { index: 'logs-nope', query: { match_all: {} } }));

    expect(e).toMatchObject({ kind: 'not_found', status: 404, retryable: false });
    expect(e.message).toContain('index_not_found_exception');
  });

  it('when the query does not parse then the parsing_exception is an http 400 error', async () => {
    const e = await failure(run('search', { index: 'logs-auth', query: { mtch: { user: 'x' } } }));

    expect(e).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(e.message).toContain('unknown query [mtch]');
  });

  it.each([
    ['an index path that climbs', { index: '../_security/user', query: { match_all: {} } }],
    ['an index starting with _', { index: '_all', query: { match_all: {} } }],
    ['an empty query', { index: 'logs-auth', query: {} }],
    ['a query that is text', { index: 'logs-auth', query: 'user:j.doe' }],
  ])('when the params hold %s then nothing is sent', async (_what, params) => {
    const e = await failure(run('search', params));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });
});

describe('Elasticsearch credentials and limits', () => {
  it('when the API key is wrong then the error is auth (security_exception) without the key', async () => {
    const wrong = Buffer.from(`VuaCfGcBCdbkQm-e5aOx:${ES_KEY.replace('u', 'X')}`).toString('base64');
    const e = await failure(run('search', { index: 'logs-auth', query: FROM_IP }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('security_exception');
    expect(JSON.stringify([e.message, e])).not.toContain(wrong);
  });

  it('when the key lacks the read privilege on the index then the 403 is an auth error', async () => {
    const e = await failure(run('search', { index: 'logs-auth', query: FROM_IP }, WEB_ONLY_ENCODED));

    expect(e).toMatchObject({ kind: 'auth', status: 403 });
    expect(e.message).toContain('indices:data/read/search');
  });

  it('when the search queue is full (429, no Retry-After) then the client backs off and the search succeeds', async () => {
    mock.rateLimitNext(1);

    const result = await run('search', { index: 'logs-auth', query: FROM_IP });

    expect(t.waits).toEqual([500]);
    expect(mock.calls).toHaveLength(2);
    expect(hits(result.output)).toHaveLength(3);
  });

  it('when every attempt is rejected then the call fails as rate_limited with es_rejected_execution_exception', async () => {
    mock.rateLimitNext(5);

    const e = await failure(run('search', { index: 'logs-auth', query: FROM_IP }));

    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true });
    expect(e.message).toContain('es_rejected_execution_exception');
    expect(t.waits).toEqual([500, 1_000]);
  });

  it('when the host and port settings are filled in then requests go to that cluster', () => {
    expect(fillUrl(elasticsearch.baseUrl, { host: 'soc.es.eu-west-1.aws.found.io', port: '443' })).toBe(
      'https://soc.es.eu-west-1.aws.found.io:443',
    );
  });
});

describe('Elasticsearch health', () => {
  it('when the connection is tested then the cluster health comes back', async () => {
    const health = elasticsearch.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(mock.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /_cluster/health']);
    expect(result.output).toMatchObject({ cluster_name: 'soc-logs', status: 'yellow' });
  });

  it.each(Object.keys(elasticsearch.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const action = elasticsearch.actions[id];
      const result = await run(id, id === 'search' ? { index: 'logs-web', query: { match_all: {} } } : {});

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );
});
