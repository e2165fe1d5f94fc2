/**
 * Elasticsearch 8.x on 127.0.0.1, as it answers: `Authorization: ApiKey <base64 id:key>`
 * (401 security_exception with WWW-Authenticate otherwise), per-key index privileges (403
 * security_exception "action [indices:data/read/search] is unauthorized"), data streams
 * resolved by name, comma list or * pattern (404 index_not_found_exception for a missing
 * concrete name; a pattern that matches nothing finds nothing), a Query DSL subset (match_all,
 * term, match, bool filter/must; anything else 400 parsing_exception), size, sort on a field
 * and _source filtering; `GET /_cluster/health`. A full search queue answers 429
 * es_rejected_execution_exception without a Retry-After header, as Elasticsearch does.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const ES_KEY_ID = 'VuaCfGcBCdbkQm-e5aOx';
export const ES_KEY = 'ui2lp2axTNmsyakw9tvNnw';
/** What the create API key call returns as `encoded`: the credential. */
export const ES_ENCODED = Buffer.from(`${ES_KEY_ID}:${ES_KEY}`).toString('base64');
/** A key that may read logs-web only. */
export const WEB_ONLY_ENCODED = Buffer.from('Wq2bA3gBCdbkQm-e5bPy:webonly-0a1b2c3d4e5f6a7b').toString('base64');

type Doc = Record<string, unknown>;
interface Stream {
  backing: string;
  docs: Array<{ _id: string; _source: Doc }>;
}

const auth = (time: string, ip: string, user: string, outcome: string) => ({
  '@timestamp': time,
  source: { ip },
  user: { name: user },
  event: { category: 'authentication', outcome },
});
export const STREAMS: Record<string, Stream> = {
  'logs-auth': {
    backing: '.ds-logs-auth-2026.12.05-000001',
    docs: [
      { _id: 'iD3qPZMB2nX0cJ4yW8Z1', _source: auth('2026-12-05T21:10:00.000Z', '203.0.113.66', 'j.doe', 'failure') },
      { _id: 'jD3qPZMB2nX0cJ4yW8Z9', _source: auth('2026-12-05T21:10:05.000Z', '203.0.113.66', 'j.doe', 'failure') },
      { _id: 'kT3qPZMB2nX0cJ4yW8aB', _source: auth('2026-12-05T21:10:09.000Z', '203.0.113.66', 'j.doe', 'success') },
      { _id: 'mX4rQaNC3oY1dK5zX9bC', _source: auth('2026-12-05T21:40:00.000Z', '198.51.100.23', 'a.vance', 'failure') },
    ],
  },
  'logs-web': {
    backing: '.ds-logs-web-2026.12.05-000001',
    docs: [
      {
        _id: 'pQ5sRbOD4pZ2eL6aY0cD',
        _source: { '@timestamp': '2026-12-05T21:41:00.000Z', source: { ip: '198.51.100.23' }, url: { path: '/login' } },
      },
    ],
  },
};

const KEYS = new Map<string, (index: string) => boolean>([
  [ES_ENCODED, () => true],
  [WEB_ONLY_ENCODED, (index) => index === 'logs-web'],
]);

/** Elasticsearch's error body: the cause repeated as root_cause, and the status. */
function esError(status: number, type: string, reason: string, extra: Record<string, unknown> = {}): MockAnswer {
  const cause = { type, reason, ...extra };
  return { status, body: { error: { root_cause: [cause], ...cause }, status } };
}

const at = (doc: Doc, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Doc)[k] : undefined), doc);

/** A matcher for the Query DSL subset; a string is the parsing_exception's reason. */
function matcher(query: unknown): ((d: Doc) => boolean) | string {
  if (typeof query !== 'object' || query === null || Array.isArray(query))
    return 'query malformed, must start with start_object';
  const [kind, ...more] = Object.keys(query);
  if (kind === undefined || more.length > 0) return '[_na] query malformed, no start_object after query name';
  const arg = (query as Doc)[kind];
  const pair = () => {
    const [[field, value] = []] = Object.entries((arg ?? {}) as Doc);
    const v =
      typeof value === 'object' && value !== null ? ((value as Doc)['value'] ?? (value as Doc)['query']) : value;
    return { field: String(field), v };
  };
  switch (kind) {
    case 'match_all':
      return () => true;
    case 'term': {
      const { field, v } = pair();
      return (d) => at(d, field) === v;
    }
    case 'match': {
      const { field, v } = pair();
      return (d) => String(at(d, field) ?? '').toLowerCase() === String(v).toLowerCase();
    }
    case 'bool': {
      const clauses = ['filter', 'must'].flatMap((k) => {
        const c = (arg as Doc | undefined)?.[k];
        return c === undefined ? [] : Array.isArray(c) ? c : [c];
      });
      const ms = clauses.map(matcher);
      const bad = ms.find((m) => typeof m === 'string');
      if (typeof bad === 'string') return bad;
      return (d) => ms.every((m) => typeof m !== 'string' && m(d));
    }
    default:
      return `unknown query [${kind}]`;
  }
}

function search(req: MockRequest, target: string, allowed: (index: string) => boolean): MockAnswer {
  const names: string[] = [];
  for (const part of target.split(',')) {
    if (part.includes('*')) {
      const re = new RegExp(`^${part.replace(/[.+]/g, '\\$&').replace(/\*/g, '.*')}$`);
      names.push(...Object.keys(STREAMS).filter((n) => re.test(n)));
    } else if (STREAMS[part]) names.push(part);
    else
      return esError(404, 'index_not_found_exception', `no such index [${part}]`, {
        'resource.type': 'index_or_alias',
        'resource.id': part,
        index_uuid: '_na_',
        index: part,
      });
  }
  const denied = names.find((n) => !allowed(n));
  if (denied) {
    return esError(
      403,
      'security_exception',
      `action [indices:data/read/search] is unauthorized for API key id [Wq2bA3gBCdbkQm-e5bPy] of user [soar] on indices [${denied}], this action is granted by the index privileges [read,all]`,
    );
  }
  let body: Doc;
  try {
    body = req.body ? (JSON.parse(req.body) as Doc) : {};
  } catch {
    return esError(400, 'x_content_parse_exception', '[1:1] Unexpected character');
  }
  const match = body['query'] === undefined ? () => true : matcher(body['query']);
  if (typeof match === 'string') return esError(400, 'parsing_exception', match, { line: 1, col: 11 });
  const size = typeof body['size'] === 'number' ? body['size'] : 10;
  const [sortClause] = Array.isArray(body['sort']) ? (body['sort'] as Doc[]) : [];
  const [sortField, sortOrder] = sortClause ? (Object.entries(sortClause)[0] ?? []) : [];
  let hits = names
    .flatMap((n) => (STREAMS[n]?.docs ?? []).map((d) => ({ stream: STREAMS[n], ...d })))
    .filter((d) => match(d._source));
  const total = hits.length;
  if (sortField) {
    const key = (d: { _source: Doc }) => Date.parse(String(at(d._source, sortField)));
    hits = hits.sort((a, b) => (sortOrder === 'desc' ? key(b) - key(a) : key(a) - key(b)));
  }
  const fields = Array.isArray(body['_source']) ? (body['_source'] as string[]) : undefined;
  const pick = (src: Doc) => {
    if (!fields) return src;
    const out: Doc = {};
    for (const f of fields) {
      const v = at(src, f);
      if (v === undefined) continue;
      const keys = f.split('.');
      let into = out;
      for (const k of keys.slice(0, -1)) into = (into[k] ??= {}) as Doc;
      into[keys[keys.length - 1] ?? f] = v;
    }
    return out;
  };
  return {
    status: 200,
    body: {
      took: 3,
      timed_out: false,
      _shards: { total: names.length, successful: names.length, skipped: 0, failed: 0 },
      hits: {
        total: { value: total, relation: 'eq' },
        max_score: sortField ? null : total > 0 ? 1 : null,
        hits: hits.slice(0, size).map((d) => ({
          _index: d.stream?.backing ?? '',
          _id: d._id,
          _score: sortField ? null : 1,
          _source: pick(d._source),
          ...(sortField ? { sort: [Date.parse(String(at(d._source, sortField)))] } : {}),
        })),
      },
    },
  };
}

export async function startElasticsearchMock(): Promise<VendorMock> {
  const key = (req: MockRequest) => /^ApiKey (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  return startVendorMock({
    authFailure(req) {
      if (KEYS.has(key(req))) return undefined;
      const why = req.headers.authorization ? 'API key: invalid ApiKey value' : undefined;
      return {
        ...esError(
          401,
          'security_exception',
          'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
          why ? { additional_unsuccessful_credentials: why } : {},
        ),
        headers: { 'WWW-Authenticate': 'ApiKey, Basic realm="security", charset="UTF-8"' },
      };
    },
    rateLimited: () =>
      esError(
        429,
        'es_rejected_execution_exception',
        'rejected execution of coordinating operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, coordinating_operation_bytes=512, max_coordinating_and_primary_bytes=104857600]',
      ),
    route(req) {
      const allowed = KEYS.get(key(req)) ?? (() => false);
      if (req.method === 'GET' && req.path === '/_cluster/health') {
        return {
          status: 200,
          body: {
            cluster_name: 'soc-logs',
            status: 'yellow',
            timed_out: false,
            number_of_nodes: 1,
            number_of_data_nodes: 1,
            active_primary_shards: 2,
            active_shards: 2,
            relocating_shards: 0,
            initializing_shards: 0,
            unassigned_shards: 2,
            delayed_unassigned_shards: 0,
            number_of_pending_tasks: 0,
            number_of_in_flight_fetch: 0,
            task_max_waiting_in_queue_millis: 0,
            active_shards_percent_as_number: 50,
          },
        };
      }
      const m = /^\/([^/_][^/]*)\/_search$/.exec(req.path);
      if (m && (req.method === 'POST' || req.method === 'GET'))
        return search(req, decodeURIComponent(m[1] ?? ''), allowed);
      return esError(
        405,
        'illegal_argument_exception',
        `Incorrect HTTP method for uri [${req.path}] and method [${req.method}]`,
      );
    },
  });
}
