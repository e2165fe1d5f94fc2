/**
 * The Okta Management API on 127.0.0.1, as it answers: `Authorization: SSWS <token>` (403
 * E0000005 without one, 401 E0000011 for a token it did not issue), a read-only admin's
 * token refused changes (403 E0000006), users by id, login or `me`, the lifecycle rules of
 * https://developer.okta.com/docs/reference/api/users/#lifecycle-operations (suspend only an
 * ACTIVE user, unsuspend only a SUSPENDED one, anything else 400 E0000001 API validation
 * failed), session and factor tables, 404 E0000007. Over the limit it answers 429 E0000047
 * with X-Rate-Limit-Limit / -Remaining / -Reset, the reset in epoch seconds by its clock.
 */
import { randomBytes } from 'node:crypto';
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';
import type { USER_STATUSES } from './definition';

export const OKTA_TOKEN = '00QCjAl4MlV-WPXM-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A token of a read-only admin. */
export const READ_ONLY_TOKEN = '00RdOnly4MlV-WPXM-ZYXWVUTSRQPONMLKJIHGFEDC';

type Status = (typeof USER_STATUSES)[number];

export interface OktaUser {
  id: string;
  status: Status;
  login: string;
  firstName: string;
  lastName: string;
  statusChanged: string;
  /** Active sessions and OAuth tokens (counts are all the tests need). */
  sessions: number;
  oauthTokens: number;
  /** Enrolled factor types. */
  factors: string[];
}

export interface OktaMock extends VendorMock {
  users: Map<string, OktaUser>;
  /** The mock's clock (epoch ms): X-Rate-Limit-Reset is its now plus the wait. */
  options: { now: () => number };
  reset(): void;
}

export const ADMIN_ID = '00u1adm1nAPItoken0x7';
export const SEED_USERS: readonly OktaUser[] = [
  user('00ub0oNGTSWTBKOLGLNR', 'ACTIVE', 'isaac.brock@example.com', 'Isaac', 'Brock', 2, 1, ['push', 'sms']),
  user('00ub0oNGTSWTBKOLGLNS', 'SUSPENDED', 'jo.march@example.com', 'Jo', 'March', 0, 0, ['push']),
  user('00ub0oNGTSWTBKOLGLNT', 'DEPROVISIONED', 'old.timer@example.com', 'Old', 'Timer', 0, 0, []),
  user(ADMIN_ID, 'ACTIVE', 'soar-api@example.com', 'SOAR', 'Service', 0, 0, []),
];

function user(
  id: string,
  status: Status,
  login: string,
  firstName: string,
  lastName: string,
  sessions: number,
  oauthTokens: number,
  factors: string[],
): OktaUser {
  return {
    id,
    status,
    login,
    firstName,
    lastName,
    statusChanged: '2026-01-10T08:00:00.000Z',
    sessions,
    oauthTokens,
    factors,
  };
}

/** Okta's error body. */
const oktaError = (status: number, errorCode: string, errorSummary: string, causes: string[] = []): MockAnswer => ({
  status,
  body: {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: `oae${randomBytes(11).toString('base64url')}`,
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  },
});

const TOKENS = new Map([
  [OKTA_TOKEN, { admin: ADMIN_ID, write: true }],
  [READ_ONLY_TOKEN, { admin: ADMIN_ID, write: false }],
]);

export async function startOktaMock(): Promise<OktaMock> {
  const users = new Map<string, OktaUser>();
  const options = { now: () => Date.now() };
  const ORG = 'https://acme.okta.com';
  const token = (req: MockRequest) => /^SSWS (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const stamp = () => new Date(options.now()).toISOString();

  const find = (key: string, admin: string) => {
    if (key === 'me') return users.get(admin);
    const login = key.toLowerCase();
    return users.get(key) ?? [...users.values()].find((u) => u.login.toLowerCase() === login);
  };
  const view = (u: OktaUser) => ({
    id: u.id,
    status: u.status,
    created: '2024-03-18T09:12:01.000Z',
    activated: u.status === 'STAGED' ? null : '2024-03-18T09:12:02.000Z',
    statusChanged: u.statusChanged,
    lastLogin: u.status === 'ACTIVE' ? '2026-12-05T20:58:44.000Z' : null,
    lastUpdated: u.statusChanged,
    passwordChanged: '2026-09-02T07:40:11.000Z',
    type: { id: 'otyfnjfba4ye7pgjB0g4' },
    profile: {
      firstName: u.firstName,
      lastName: u.lastName,
      mobilePhone: null,
      secondEmail: null,
      login: u.login,
      email: u.login,
    },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `${ORG}/api/v1/users/${u.id}` } },
  });
  const move = (u: OktaUser, status: Status) => {
    u.status = status;
    u.statusChanged = stamp();
  };

  /** A lifecycle operation: the states it starts from, and what it does. */
  const lifecycle = (u: OktaUser, operation: string): MockAnswer => {
    const refuse = (cause: string) => oktaError(400, 'E0000001', `Api validation failed: ${operation}`, [cause]);
    switch (operation) {
      case 'suspend':
        if (u.status !== 'ACTIVE') return refuse('Cannot suspend a user that is not active');
        move(u, 'SUSPENDED');
        return { status: 200, body: {} };
      case 'unsuspend':
        if (u.status !== 'SUSPENDED') return refuse('Cannot unsuspend a user that is not suspended');
        move(u, 'ACTIVE');
        return { status: 200, body: {} };
      case 'reset_factors':
        if (u.status === 'DEPROVISIONED') return refuse('Cannot reset factors of a deprovisioned user');
        u.factors = [];
        return { status: 200, body: {} };
      default:
        return oktaError(404, 'E0000022', 'The endpoint does not support the provided HTTP method');
    }
  };

  const route = (req: MockRequest): MockAnswer => {
    const granted = TOKENS.get(token(req));
    if (!granted) return oktaError(401, 'E0000011', 'Invalid token provided');
    const m = /^\/api\/v1\/users\/([^/]+)(?:\/(sessions|lifecycle\/([a-z_]+)))?$/.exec(req.path);
    if (!m) return oktaError(404, 'E0000022', 'The endpoint does not support the provided HTTP method');
    const key = decodeURIComponent(m[1] ?? '');
    const u = find(key, granted.admin);
    if (!u) return oktaError(404, 'E0000007', `Not found: Resource not found: ${key} (User)`);
    if (!m[2] && req.method === 'GET') return { status: 200, body: view(u) };
    const forbidden = oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
    if (m[2] === 'sessions' && req.method === 'DELETE') {
      if (!granted.write) return forbidden;
      u.sessions = 0;
      if (req.query.get('oauthTokens') === 'true') u.oauthTokens = 0;
      return { status: 204, body: null, text: '' };
    }
    if (m[3] && req.method === 'POST') return granted.write ? lifecycle(u, m[3]) : forbidden;
    return oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
  };

  const limits = (remaining: number, resetIn: number) => ({
    'X-Rate-Limit-Limit': '600',
    'X-Rate-Limit-Remaining': String(remaining),
    'X-Rate-Limit-Reset': String(Math.floor(options.now() / 1_000) + resetIn),
  });
  const mock = await startVendorMock({
    authFailure(req) {
      if (!req.headers.authorization) return oktaError(403, 'E0000005', 'Invalid session');
      return TOKENS.has(token(req)) ? undefined : oktaError(401, 'E0000011', 'Invalid token provided');
    },
    rateLimited: (seconds) => ({
      ...oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.'),
      headers: limits(0, seconds),
    }),
    route: (req) => {
      const answer = route(req);
      return { ...answer, headers: { ...limits(599, 60), ...answer.headers } };
    },
  });
  const reset = () => {
    users.clear();
    for (const u of SEED_USERS) users.set(u.id, { ...u, factors: [...u.factors] });
  };
  reset();
  return Object.assign(mock, { users, options, reset });
}
