/**
 * The Falcon API on 127.0.0.1 as it answers: `POST /oauth2/token` takes `client_id` and
 * `client_secret` in the form and answers 201 `{ access_token, token_type: 'bearer',
 * expires_in: 1799 }` (403 for a wrong secret); the Hosts API takes the bearer tokens it
 * issued (401 `access denied, invalid bearer token` otherwise) and checks each client's
 * scopes (403 `access denied, authorization failed`). A device table answers FQL
 * `hostname:'<name>'` queries (sorted by last seen, limited) and device details; contain and
 * lift move a device to a pending state that the sensor's acknowledgement settles. Over the
 * limit it answers 429 with X-RateLimit-* headers, the retry time in epoch seconds by its clock.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const FALCON_CLIENT_ID = '8f3c1e2d4b5a69788f3c1e2d4b5a6978';
export const FALCON_SECRET = 'Zq7Xk2Lm9Pw4Rt6Yv1Nb3Hc8Jd5Gf0Sa2Ue4Wi6O';
/** A client with the Hosts: read scope only. */
export const READ_ONLY_CLIENT_ID = '1a2b3c4d5e6f70811a2b3c4d5e6f7081';
export const READ_ONLY_SECRET = 'Rd0nly7Xk2Lm9Pw4Rt6Yv1Nb3Hc8Jd5Gf0Sa2Ue4';

export type FalconStatus = 'normal' | 'containment_pending' | 'contained' | 'lift_containment_pending';

export interface FalconDevice {
  device_id: string;
  hostname: string;
  platform_name: string;
  os_version: string;
  status: FalconStatus;
  last_seen: string;
  local_ip: string;
  external_ip: string;
}

export interface FalconMock extends VendorMock {
  /** The device table, by device id. */
  devices: Map<string, FalconDevice>;
  /** Every token request, in order. */
  tokenRequests: MockRequest[];
  /** Tokens the API no longer takes (revoked, or expired early). */
  revoked: Set<string>;
  /** The mock's clock (epoch ms): the X-RateLimit-RetryAfter of a 429 is its now plus the wait. */
  options: { now: () => number };
  /** The sensors acknowledge: pending containment states settle. */
  acknowledge(): void;
  /** The table the tests start from. */
  reset(): void;
}

/** Three hosts; WS-FIN-0042 has an older record left by a re-image. */
export const SEED_DEVICES: readonly FalconDevice[] = [
  device(
    '4d6f2b9e0c1a47d3b5e8f7a6c9d0e1f2',
    'WS-FIN-0042',
    'Windows',
    'Windows 11',
    '2026-12-05T21:28:44Z',
    '10.20.4.42',
  ),
  device(
    '0e1d2c3b4a5968778695a4b3c2d1e0f9',
    'WS-FIN-0042',
    'Windows',
    'Windows 10',
    '2026-06-01T09:00:00Z',
    '10.20.4.42',
  ),
  device(
    '9a8b7c6d5e4f30211a2b3c4d5e6f7a8b',
    'srv-web-01',
    'Linux',
    'Ubuntu 22.04',
    '2026-12-05T21:30:02Z',
    '10.30.0.11',
  ),
];

function device(id: string, hostname: string, platform: string, os: string, lastSeen: string, ip: string) {
  return {
    device_id: id,
    hostname,
    platform_name: platform,
    os_version: os,
    status: 'normal' as FalconStatus,
    last_seen: lastSeen,
    local_ip: ip,
    external_ip: '198.51.100.23',
  };
}

const meta = (extra: Record<string, unknown> = {}) => ({
  query_time: 0.004,
  powered_by: 'device-api',
  trace_id: '7b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  ...extra,
});
const falconError = (status: number, message: string): MockAnswer => ({
  status,
  body: { meta: meta(), errors: [{ code: status, message }] },
});
const ok = (status: number, resources: unknown[], extra: Record<string, unknown> = {}): MockAnswer => ({
  status,
  body: { meta: meta(extra), resources, errors: [] },
});

const CLIENTS = new Map([
  [FALCON_CLIENT_ID, { secret: FALCON_SECRET, scopes: new Set(['hosts:read', 'hosts:write']) }],
  [READ_ONLY_CLIENT_ID, { secret: READ_ONLY_SECRET, scopes: new Set(['hosts:read']) }],
]);

export async function startFalconMock(): Promise<FalconMock> {
  const devices = new Map<string, FalconDevice>();
  const tokenRequests: MockRequest[] = [];
  const revoked = new Set<string>();
  /** Issued token → the client's scopes. */
  const issued = new Map<string, Set<string>>();
  const options = { now: () => Date.now() };
  const bearer = (req: MockRequest) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';

  const token = (req: MockRequest): MockAnswer => {
    tokenRequests.push(req);
    const form = new URLSearchParams(req.body);
    const client = CLIENTS.get(form.get('client_id') ?? '');
    if (!client || form.get('client_secret') !== client.secret) {
      return falconError(403, 'Failed to issue access token - Not Authorized');
    }
    const value = `eyJhbGciOiJSUzI1NiJ9.falcon-${tokenRequests.length}`;
    issued.set(value, client.scopes);
    return { status: 201, body: { access_token: value, token_type: 'bearer', expires_in: 1799 } };
  };

  const query = (req: MockRequest): MockAnswer => {
    const filter = req.query.get('filter');
    const m = filter === null ? undefined : /^hostname:'([^']*)'$/.exec(filter);
    if (filter !== null && !m) return falconError(400, `Invalid filter: ${filter}`);
    const name = m?.[1]?.toLowerCase();
    let found = [...devices.values()].filter((d) => name === undefined || d.hostname.toLowerCase() === name);
    if (req.query.get('sort') === 'last_seen.desc')
      found = found.sort((a, b) => b.last_seen.localeCompare(a.last_seen));
    const limit = Number(req.query.get('limit') ?? 100);
    const ids = found.slice(0, limit).map((d) => d.device_id);
    return ok(200, ids, { pagination: { offset: 0, limit, total: found.length } });
  };

  const act = (req: MockRequest): MockAnswer => {
    const next = { contain: 'containment_pending', lift_containment: 'lift_containment_pending' } as const;
    const actionName = req.query.get('action_name');
    if (actionName !== 'contain' && actionName !== 'lift_containment') {
      return falconError(400, `Provided action_name ${String(actionName)} is not valid`);
    }
    const body = JSON.parse(req.body || '{}') as { ids?: unknown };
    const ids = Array.isArray(body.ids) ? body.ids.filter((id): id is string => typeof id === 'string') : [];
    if (ids.length === 0) return falconError(400, 'ids must not be empty');
    const targets = ids.map((id) => devices.get(id));
    if (targets.some((d) => d === undefined)) return falconError(404, 'Device not found');
    for (const d of targets) if (d) d.status = next[actionName];
    return ok(
      202,
      ids.map((id) => ({ id, path: `https://api.crowdstrike.com/devices/entities/devices/v1?ids=${id}` })),
    );
  };

  const details = (req: MockRequest): MockAnswer => {
    const found = req.query.getAll('ids').flatMap((id) => devices.get(id) ?? []);
    if (found.length === 0) return falconError(404, 'Resource not found');
    return ok(
      200,
      found.map((d) => ({ ...d, cid: '0123456789abcdef0123456789abcdef', agent_version: '7.20.19002.0' })),
    );
  };

  const route = (req: MockRequest): MockAnswer => {
    if (req.method === 'POST' && req.path === '/oauth2/token') return token(req);
    const scopes = issued.get(bearer(req)) ?? new Set<string>();
    const need = (scope: string, answer: () => MockAnswer) =>
      scopes.has(scope) ? answer() : falconError(403, 'access denied, authorization failed');
    if (req.method === 'GET' && req.path === '/devices/queries/devices/v1') return need('hosts:read', () => query(req));
    if (req.method === 'GET' && req.path === '/devices/entities/devices/v2')
      return need('hosts:read', () => details(req));
    if (req.method === 'POST' && req.path === '/devices/entities/devices-actions/v2') {
      return need('hosts:write', () => act(req));
    }
    return falconError(404, 'Not Found');
  };

  const mock = await startVendorMock({
    authFailure(req) {
      if (req.path === '/oauth2/token') return undefined;
      const t = bearer(req);
      return issued.has(t) && !revoked.has(t) ? undefined : falconError(401, 'access denied, invalid bearer token');
    },
    rateLimited: (seconds) => ({
      ...falconError(429, 'API rate limit exceeded.'),
      headers: {
        'X-RateLimit-Limit': '6000',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-RetryAfter': String(Math.floor(options.now() / 1_000) + seconds),
      },
    }),
    route: (req) => {
      const answer = route(req);
      return {
        ...answer,
        headers: { 'X-RateLimit-Limit': '6000', 'X-RateLimit-Remaining': '5999', ...answer.headers },
      };
    },
  });
  const reset = () => {
    devices.clear();
    for (const d of SEED_DEVICES) devices.set(d.device_id, { ...d });
  };
  reset();
  const acknowledge = () => {
    for (const d of devices.values()) {
      if (d.status === 'containment_pending') d.status = 'contained';
      if (d.status === 'lift_containment_pending') d.status = 'normal';
    }
  };
  return Object.assign(mock, { devices, tokenRequests, revoked, options, acknowledge, reset });
}
