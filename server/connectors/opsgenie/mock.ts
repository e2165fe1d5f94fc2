/**
 * The Opsgenie Alert API v2 on 127.0.0.1, as it answers: `Authorization: GenieKey <key>` (401
 * `Could not authenticate` otherwise; a key without Create and Update rights gets 403 on
 * changes), alerts deduplicated by alias while open, create and close acknowledged with 202
 * `{ result, took, requestId }` and their outcome kept for `GET /v2/alerts/requests/{id}`,
 * close by alias, id or tiny id (404 `Alert does not exist`), 422 with `errors` for an invalid
 * body, and alert search on `status:`, `tag:` and `alias:` terms joined by AND. Throttled
 * requests get 429 with X-RateLimit-State / -Reason / -Period-In-Sec and no Retry-After.
 */
import { randomUUID } from 'node:crypto';
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const OPSGENIE_KEY = 'eb243592-faa2-4ba2-a551-1afdf565c889';
/** A key whose integration has the Read right only. */
export const READ_ONLY_KEY = '1f0c7e4a-3b2d-4c5e-8f9a-0b1c2d3e4f5a';

export interface OpsgenieAlert {
  id: string;
  tinyId: string;
  alias: string;
  message: string;
  description: string;
  status: 'open' | 'closed';
  priority: string;
  tags: string[];
  details: Record<string, string>;
  entity: string;
  source: string;
  count: number;
  notes: string[];
  createdAt: string;
}

export interface OpsgenieMock extends VendorMock {
  alerts: OpsgenieAlert[];
  reset(): void;
}

const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'];
const took = 0.012;
const said = (status: number, message: string, extra: Record<string, unknown> = {}): MockAnswer => ({
  status,
  body: { message, ...extra, took, requestId: randomUUID() },
});
const invalid = (errors: Record<string, string>) =>
  said(422, 'Request body is not processable. Please check the errors.', { errors });

function json(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function startOpsgenieMock(): Promise<OpsgenieMock> {
  const alerts: OpsgenieAlert[] = [];
  const requests = new Map<string, Record<string, unknown>>();
  let tiny = 1790;
  const key = (req: MockRequest) => /^GenieKey (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';

  /** The 202 of an asynchronous request, its outcome recorded for the request status API. */
  const acceptedAs = (action: string, outcome: { success: boolean; status: string; alert?: OpsgenieAlert }) => {
    const requestId = randomUUID();
    requests.set(requestId, {
      success: outcome.success,
      action,
      processedAt: new Date().toISOString(),
      integrationId: 'c9cec2cb-e782-4ebb-bc1d-1b2fa703cf03',
      isSuccess: outcome.success,
      status: outcome.status,
      ...(outcome.alert ? { alertId: outcome.alert.id, alias: outcome.alert.alias } : {}),
    });
    return { status: 202, body: { result: 'Request will be processed', took, requestId } };
  };

  const create = (req: MockRequest): MockAnswer => {
    const body = json(req.body);
    if (!body) return said(400, 'Could not parse request body');
    const message = body['message'];
    if (typeof message !== 'string' || message.trim() === '') return invalid({ message: 'Message can not be empty.' });
    if (message.length > 130) return invalid({ message: 'Message can not be longer than 130 characters.' });
    const priority = body['priority'] ?? 'P3';
    if (typeof priority !== 'string' || !PRIORITIES.includes(priority)) {
      return invalid({ priority: 'Priority should be one of [P1, P2, P3, P4, P5]' });
    }
    const alias = typeof body['alias'] === 'string' ? body['alias'] : randomUUID();
    const open = alerts.find((a) => a.alias === alias && a.status === 'open');
    if (open) {
      open.count++;
      return acceptedAs('Create', { success: true, status: 'Alert is deduplicated', alert: open });
    }
    const alert: OpsgenieAlert = {
      id: `${randomUUID()}-${Date.now()}`,
      tinyId: String(++tiny),
      alias,
      message,
      description: typeof body['description'] === 'string' ? body['description'] : '',
      status: 'open',
      priority,
      tags: Array.isArray(body['tags']) ? body['tags'].map(String) : [],
      details: (body['details'] ?? {}) as Record<string, string>,
      entity: typeof body['entity'] === 'string' ? body['entity'] : '',
      source: typeof body['source'] === 'string' ? body['source'] : '127.0.0.1',
      count: 1,
      notes: [],
      createdAt: new Date().toISOString(),
    };
    alerts.push(alert);
    return acceptedAs('Create', { success: true, status: 'Created alert', alert });
  };

  const close = (req: MockRequest, identifier: string): MockAnswer => {
    const type = req.query.get('identifierType') ?? 'id';
    if (!['id', 'alias', 'tiny'].includes(type))
      return invalid({ identifierType: `Invalid identifier type [${type}]` });
    const field = type === 'tiny' ? 'tinyId' : type === 'alias' ? 'alias' : 'id';
    // An alias names the open alert first, as Opsgenie resolves it.
    const matching = alerts.filter((a) => a[field] === identifier);
    const alert = matching.find((a) => a.status === 'open') ?? matching[0];
    if (!alert) return said(404, 'Alert does not exist');
    const body = json(req.body || '{}') ?? {};
    alert.status = 'closed';
    if (typeof body['note'] === 'string') alert.notes.push(body['note']);
    return acceptedAs('Close', { success: true, status: 'Closed alert', alert });
  };

  const list = (req: MockRequest): MockAnswer => {
    const query = req.query.get('query') ?? '';
    const terms = query.trim() === '' ? [] : query.split(/\s+AND\s+/);
    const tests: Array<(a: OpsgenieAlert) => boolean> = [];
    for (const term of terms) {
      const m = /^(status|tag|alias):(\S+)$/.exec(term.trim());
      if (!m) return said(422, `Invalid query [${query}]`);
      const [, field, value] = m;
      tests.push((a) => (field === 'tag' ? a.tags.includes(value ?? '') : a[field as 'status' | 'alias'] === value));
    }
    const limit = Number(req.query.get('limit') ?? 20);
    let found = alerts.filter((a) => tests.every((t) => t(a)));
    if (req.query.get('sort') === 'createdAt' && req.query.get('order') === 'desc') found = [...found].reverse();
    const data = found.slice(0, limit).map((a) => ({
      id: a.id,
      tinyId: a.tinyId,
      alias: a.alias,
      message: a.message,
      status: a.status,
      acknowledged: false,
      isSeen: false,
      tags: a.tags,
      snoozed: false,
      count: a.count,
      lastOccurredAt: a.createdAt,
      createdAt: a.createdAt,
      updatedAt: a.createdAt,
      source: a.source,
      owner: '',
      priority: a.priority,
      teams: [],
      responders: [],
      integration: { id: 'c9cec2cb-e782-4ebb-bc1d-1b2fa703cf03', name: 'Autonomic', type: 'API' },
      report: {},
    }));
    return { status: 200, body: { data, paging: {}, took, requestId: randomUUID() } };
  };

  const route = (req: MockRequest): MockAnswer => {
    const canWrite = key(req) === OPSGENIE_KEY;
    const forbidden = said(403, 'You are not authorized for this operation');
    if (req.method === 'POST' && req.path === '/v2/alerts') return canWrite ? create(req) : forbidden;
    if (req.method === 'GET' && req.path === '/v2/alerts') return list(req);
    const closing = /^\/v2\/alerts\/([^/]+)\/close$/.exec(req.path);
    if (req.method === 'POST' && closing) {
      return canWrite ? close(req, decodeURIComponent(closing[1] ?? '')) : forbidden;
    }
    const status = /^\/v2\/alerts\/requests\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && status) {
      const data = requests.get(decodeURIComponent(status[1] ?? ''));
      if (!data) return said(404, 'Request not found. It might not be processed, yet.');
      return { status: 200, body: { data, took, requestId: randomUUID() } };
    }
    return said(404, 'Could not find the requested resource');
  };

  const mock = await startVendorMock({
    authFailure: (req) =>
      [OPSGENIE_KEY, READ_ONLY_KEY].includes(key(req)) ? undefined : said(401, 'Could not authenticate'),
    rateLimited: (seconds) => ({
      ...said(429, 'You are making too many requests! To avoid errors, we recommend you limit requests.'),
      headers: {
        'X-RateLimit-State': 'THROTTLED',
        'X-RateLimit-Reason': 'INTEGRATION',
        'X-RateLimit-Period-In-Sec': String(seconds),
      },
    }),
    route,
  });
  return Object.assign(mock, {
    alerts,
    reset() {
      alerts.length = 0;
      requests.clear();
    },
  });
}
