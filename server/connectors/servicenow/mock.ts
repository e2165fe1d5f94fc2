/**
 * ServiceNow's Table API on 127.0.0.1 as an instance answers it: basic auth (401 `User Not
 * Authenticated`), an incident table kept in memory (numbers INC0010001, …; every field as
 * text), `sysparm_fields` and `sysparm_limit` honoured, `{ result }` answers (201 on create),
 * `{ error: { message, detail }, status: 'failure' }` errors: 404 `No Record found`, 403 for a
 * user without write access and for the out-of-the-box data policy (resolving needs a
 * resolution code and notes), 400 for a body that is not JSON, 429 with Retry-After and the
 * X-RateLimit-* headers of a rate limit rule.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const SNOW_USER = 'svc.autonomic';
export const SNOW_PASSWORD = 'Kp7!vR2qLx9#Tz4m';
/** A user with the itil role's read access only. */
export const SNOW_READER = 'svc.reader';
export const SNOW_READER_PASSWORD = 'Rd8$wQ3nHy6@Fb1c';

export type SnowIncident = Record<string, string> & { sys_id: string; number: string; state: string };

export interface ServiceNowMock extends VendorMock {
  /** The incident table, by sys_id. */
  incidents: Map<string, SnowIncident>;
  /** An empty table whose next number is INC0010001. */
  reset(): void;
}

const failure = (status: number, message: string, detail: string): MockAnswer => ({
  status,
  body: { error: { message, detail }, status: 'failure' },
});
const NO_RECORD = failure(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
const NOW = '2026-12-05 21:30:00';
/** What a write may set; anything else in the body is ignored, as the instance does for unknown fields. */
const WRITABLE = [
  'short_description',
  'description',
  'urgency',
  'impact',
  'category',
  'assignment_group',
  'caller_id',
  'state',
  'close_code',
  'close_notes',
];
/** Priority from impact and urgency, as the out-of-the-box lookup rules set it. */
const PRIORITY: Record<string, string> = { '11': '1', '12': '2', '21': '2', '13': '3', '22': '3', '31': '3' };

function fieldsOf(req: MockRequest, row: SnowIncident): Record<string, string> {
  const asked = req.query.get('sysparm_fields');
  if (!asked) return { ...row };
  return Object.fromEntries(asked.split(',').map((f) => [f, row[f] ?? '']));
}

function jsonBody(req: MockRequest): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(req.body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : undefined;
  } catch {
    return undefined;
  }
}

/** The writable fields of a body, as text; `work_notes` goes to the journal. */
function apply(row: SnowIncident, body: Record<string, unknown>): void {
  for (const f of WRITABLE) if (typeof body[f] === 'string') row[f] = body[f];
  if (typeof body['work_notes'] === 'string')
    row['work_notes_journal'] = `${row['work_notes_journal'] ?? ''}${body['work_notes']}\n`;
  row['priority'] = PRIORITY[`${row['impact']}${row['urgency']}`] ?? '4';
}

/** The out-of-the-box data policy: a resolved or closed incident has its close code and notes. */
function dataPolicy(row: SnowIncident): MockAnswer | undefined {
  if (row.state !== '6' && row.state !== '7') return undefined;
  const missing = [
    ...(row['close_code'] ? [] : ['Resolution code']),
    ...(row['close_notes'] ? [] : ['Resolution notes']),
  ];
  if (missing.length === 0) return undefined;
  return failure(
    403,
    'Operation Failed',
    `Data Policy Exception: \n\t${missing.map((m) => `${m} is mandatory`).join('\n\t')}\n`,
  );
}

export async function startServiceNowMock(): Promise<ServiceNowMock> {
  const incidents = new Map<string, SnowIncident>();
  const users = new Map([
    [`Basic ${Buffer.from(`${SNOW_USER}:${SNOW_PASSWORD}`).toString('base64')}`, true],
    [`Basic ${Buffer.from(`${SNOW_READER}:${SNOW_READER_PASSWORD}`).toString('base64')}`, false],
  ]);
  let next = 10_001;

  const create = (req: MockRequest): MockAnswer => {
    const body = jsonBody(req);
    if (!body) return failure(400, 'Exception while reading request', 'The payload is not valid JSON.');
    const n = next++;
    const row: SnowIncident = {
      sys_id: n.toString(16).padStart(32, '0'),
      number: `INC${String(n).padStart(7, '0')}`,
      state: '1',
      short_description: '',
      description: '',
      urgency: '3',
      impact: '3',
      priority: '5',
      category: 'inquiry',
      assignment_group: '',
      caller_id: '',
      opened_at: NOW,
      sys_updated_on: NOW,
      close_code: '',
      close_notes: '',
    };
    apply(row, body);
    const refused = dataPolicy(row);
    if (refused) return refused;
    incidents.set(row.sys_id, row);
    return {
      status: 201,
      body: { result: fieldsOf(req, row) },
      headers: { location: `/api/now/table/incident/${row.sys_id}` },
    };
  };

  const update = (req: MockRequest, row: SnowIncident): MockAnswer => {
    const body = jsonBody(req);
    if (!body) return failure(400, 'Exception while reading request', 'The payload is not valid JSON.');
    const changed: SnowIncident = { ...row };
    apply(changed, body);
    const refused = dataPolicy(changed);
    if (refused) return refused;
    changed['sys_updated_on'] = '2026-12-05 22:10:00';
    incidents.set(row.sys_id, changed);
    return { status: 200, body: { result: fieldsOf(req, changed) } };
  };

  const route = (req: MockRequest, writer: boolean): MockAnswer => {
    if (req.path === '/api/now/table/incident') {
      if (req.method === 'GET') {
        const limit = Number(req.query.get('sysparm_limit') ?? 10_000);
        const rows = [...incidents.values()].slice(0, limit);
        return {
          status: 200,
          body: { result: rows.map((r) => fieldsOf(req, r)) },
          headers: { 'x-total-count': String(incidents.size) },
        };
      }
      if (req.method !== 'POST') return failure(405, 'Method not Supported', `${req.method} is not supported here`);
      if (!writer) return failure(403, 'Operation Failed', 'ACL Exception Insert Failed due to security constraints');
      return create(req);
    }
    const m = /^\/api\/now\/table\/incident\/([^/]+)$/.exec(req.path);
    if (!m) return failure(400, 'Invalid table', 'Requested URI does not represent any resource');
    const row = incidents.get(decodeURIComponent(m[1] ?? ''));
    if (!row) return NO_RECORD;
    if (req.method === 'GET') return { status: 200, body: { result: fieldsOf(req, row) } };
    if (req.method !== 'PATCH' && req.method !== 'PUT')
      return failure(405, 'Method not Supported', `${req.method} is not supported here`);
    if (!writer) return failure(403, 'Operation Failed', 'ACL Exception Update Failed due to security constraints');
    return update(req, row);
  };

  const mock = await startVendorMock({
    authFailure: (req) =>
      users.has(req.headers.authorization ?? '')
        ? undefined
        : failure(401, 'User Not Authenticated', 'Required to provide Auth information'),
    rateLimited: (seconds) => ({
      ...failure(429, 'Too Many Requests', "Rate limit rule 'Integration users' allows 1000 requests per hour"),
      headers: {
        'retry-after': String(seconds),
        'x-ratelimit-limit': '1000',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1_000) + seconds),
        'x-ratelimit-rule': 'c2a8e2e1db2f0010e8a4bd6b5e9619e4',
      },
    }),
    route: (req) => route(req, users.get(req.headers.authorization ?? '') === true),
  });
  const reset = () => {
    incidents.clear();
    next = 10_001;
  };
  return Object.assign(mock, { incidents, reset });
}
