/**
 * Splunk's REST API (splunkd, the management port) on 127.0.0.1, as it answers:
 * `Authorization: Bearer <token>` (401 `call not properly authenticated` otherwise);
 * `POST /services/search/jobs` takes a form (`search` must start with a command, else 400
 * FATAL "Unable to parse the search"; `exec_mode=blocking` answers 201 `{ sid }` when the job
 * is done); `GET /services/search/jobs/{sid}/results` answers `{ preview, init_offset,
 * messages, fields, results, highlighted }` (404 `Unknown sid.`); `GET /services/server/info`.
 * Errors are `{ messages: [{ type, text }] }`. A search runs over a small event table: the mock
 * understands `search index=<i> [field=value …]`, optionally `| stats count by <field>`, which
 * is enough to tell that the query, time range and count reached it. The role's concurrent
 * search quota can be filled (503), and Splunk Cloud's throttle answers 429 with Retry-After.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const SPLUNK_TOKEN =
  'eyJraWQiOiJzcGx1bmsuc2VjcmV0IiwiYWxnIjoiSFM1MTIiLCJ2ZXIiOiJ2MiIsInR0eXAiOiJzdGF0aWMifQ.eyJpc3MiOiJzb2FyIn0.c3BsdW5r';

export interface SplunkEvent {
  _time: string;
  index: string;
  sourcetype: string;
  src_ip: string;
  user: string;
  action: string;
}

export interface SplunkJob {
  sid: string;
  search: string;
  earliest: string;
  latest: string;
  results: Array<Record<string, string>>;
  fields: string[];
}

export interface SplunkMock extends VendorMock {
  jobs: Map<string, SplunkJob>;
  /** The next `n` job creations answer 503: the role's concurrent search quota is full. */
  quotaFullNext(n: number): void;
  /** `reapJobs`: a job's artifacts are gone as soon as it is made (its results answer 404 Unknown sid). */
  options: { reapJobs: boolean };
}

export const EVENTS: readonly SplunkEvent[] = [
  ev('2026-12-05T21:10:00.000+00:00', 'auth', '203.0.113.66', 'j.doe', 'failure'),
  ev('2026-12-05T21:10:05.000+00:00', 'auth', '203.0.113.66', 'j.doe', 'failure'),
  ev('2026-12-05T21:10:09.000+00:00', 'auth', '203.0.113.66', 'j.doe', 'success'),
  ev('2026-12-05T21:40:00.000+00:00', 'auth', '198.51.100.23', 'a.vance', 'failure'),
  ev('2026-12-05T21:41:00.000+00:00', 'web', '198.51.100.23', 'a.vance', 'allowed'),
];

function ev(time: string, index: string, src: string, user: string, action: string): SplunkEvent {
  return {
    _time: time,
    index,
    sourcetype: index === 'auth' ? 'linux_secure' : 'access_combined',
    src_ip: src,
    user,
    action,
  };
}

const splunkError = (status: number, text: string, type = 'ERROR'): MockAnswer => ({
  status,
  body: { messages: [{ type, text }] },
});

/** `search index=x k=v …` with an optional `| stats count by f`; anything else is a parse error. */
function runSearch(search: string): Pick<SplunkJob, 'results' | 'fields'> | string {
  const m = /^\s*search\s+((?:[A-Za-z_]+=\S+\s*)+?)(?:\|\s*stats count by ([A-Za-z_]+)\s*)?$/.exec(search);
  if (!m) return `Error in 'search' command: Unable to parse the search: ${search.slice(0, 60)}`;
  const terms = [...(m[1] ?? '').matchAll(/([A-Za-z_]+)=(\S+)/g)].map(([, k, v]) => [k ?? '', v ?? ''] as const);
  const matching = EVENTS.filter((e) => terms.every(([k, v]) => (e as unknown as Record<string, string>)[k] === v));
  const by = m[2];
  if (!by) {
    const fields = ['_time', 'index', 'sourcetype', 'src_ip', 'user', 'action'];
    return { fields, results: matching.map((e) => ({ ...e })) };
  }
  const counts = new Map<string, number>();
  for (const e of matching) {
    const key = (e as unknown as Record<string, string>)[by] ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { fields: [by, 'count'], results: [...counts].map(([k, n]) => ({ [by]: k, count: String(n) })) };
}

export async function startSplunkMock(): Promise<SplunkMock> {
  const jobs = new Map<string, SplunkJob>();
  let quotaFull = 0;
  let next = 1;
  const options = { reapJobs: false };

  const create = (req: MockRequest): MockAnswer => {
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return splunkError(400, 'Argument "search" is required.');
    }
    const form = new URLSearchParams(req.body);
    const search = form.get('search');
    if (!search) return splunkError(400, 'Argument "search" is required.');
    if (quotaFull > 0) {
      quotaFull--;
      return splunkError(
        503,
        'Search not executed: The maximum number of concurrent historical searches for this user based on their role quota has been reached. usage=3 quota=3',
      );
    }
    const ran = runSearch(search);
    if (typeof ran === 'string') return splunkError(400, ran, 'FATAL');
    const sid = `1733436000.${next++}`;
    const job = {
      sid,
      search,
      earliest: form.get('earliest_time') ?? '',
      latest: form.get('latest_time') ?? '',
      ...ran,
    };
    if (!options.reapJobs) jobs.set(sid, job);
    // Without output_mode=json splunkd answers XML; the connector always asks for JSON.
    if (form.get('output_mode') !== 'json')
      return { status: 201, body: null, text: `<response><sid>${sid}</sid></response>` };
    return { status: 201, body: { sid } };
  };

  const results = (req: MockRequest, sid: string): MockAnswer => {
    const job = jobs.get(sid);
    if (!job) return splunkError(404, 'Unknown sid.');
    const count = Number(req.query.get('count') ?? 100);
    const rows = count === 0 ? job.results : job.results.slice(0, count);
    return {
      status: 200,
      body: {
        preview: false,
        init_offset: 0,
        messages: [],
        fields: job.fields.map((name) => ({ name })),
        results: rows,
        highlighted: {},
      },
    };
  };

  const route = (req: MockRequest): MockAnswer => {
    if (req.method === 'POST' && req.path === '/services/search/jobs') return create(req);
    const m = /^\/services\/search\/jobs\/([^/]+)\/results$/.exec(req.path);
    if (req.method === 'GET' && m) return results(req, decodeURIComponent(m[1] ?? ''));
    if (req.method === 'GET' && req.path === '/services/server/info') {
      return {
        status: 200,
        body: {
          links: {},
          origin: 'https://splunk-sh-01:8089/services/server/info',
          updated: '2026-12-05T22:00:00+00:00',
          generator: { build: '78803f08aabb', version: '9.2.1' },
          entry: [
            {
              name: 'server-info',
              id: 'https://splunk-sh-01:8089/services/server/info/server-info',
              content: {
                version: '9.2.1',
                serverName: 'splunk-sh-01',
                build: '78803f08aabb',
                product_type: 'enterprise',
                os_name: 'Linux',
                cpu_arch: 'x86_64',
              },
            },
          ],
          paging: { total: 1, perPage: 30, offset: 0 },
          messages: [],
        },
      };
    }
    return splunkError(404, `Not Found`);
  };

  const mock = await startVendorMock({
    authFailure: (req) =>
      req.headers.authorization === `Bearer ${SPLUNK_TOKEN}`
        ? undefined
        : splunkError(401, 'call not properly authenticated', 'WARN'),
    rateLimited: (seconds) => ({
      ...splunkError(429, 'Too many requests. Please retry later.'),
      headers: { 'Retry-After': String(seconds) },
    }),
    route,
  });
  return Object.assign(mock, {
    jobs,
    options,
    quotaFullNext(n: number) {
      quotaFull = n;
    },
  });
}
