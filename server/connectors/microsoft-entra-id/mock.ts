/**
 * Microsoft Graph and the identity platform's token endpoint on 127.0.0.1, as they answer:
 * `POST /{tenant}/oauth2/v2.0/token` takes the client credentials grant in the form
 * (`client_id`, `client_secret`, `scope=https://graph.microsoft.com/.default`) and answers
 * `{ token_type: 'Bearer', expires_in: 3599, access_token }`, or AADSTS errors (401
 * invalid_client for a wrong secret, 400 for an unknown tenant or scope). Graph takes the
 * tokens it issued (401 InvalidAuthenticationToken otherwise), checks the app's application
 * permissions (403 Authorization_RequestDenied), and serves a user table by object id or
 * userPrincipalName (case-insensitive): `$select`, PATCH of writable properties (204, 400
 * for an unknown one), revokeSignInSessions, 404 Request_ResourceNotFound. Over the limit it
 * answers 429 TooManyRequests with Retry-After in seconds.
 */
import { randomUUID } from 'node:crypto';
import { isTokenPath, microsoftTokenEndpoint } from '../microsoft-identity-mock';
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const ENTRA_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const ENTRA_CLIENT_ID = '4a1aa1d5-c567-49d0-ad0b-cd957a47f842';
export const ENTRA_SECRET = 'Qf68Q~vN2mXk.Lp7wRt3Yz5Hc9Jd1Gf0Sa2Ue4Wi';
/** An app registration granted User.Read.All only. */
export const READER_CLIENT_ID = '0b5c2d7e-1f3a-4e6b-9c8d-7a6b5c4d3e2f';
export const READER_SECRET = 'Rd8Q~Xk2Lm9Pw4Rt6Yv1Nb3Hc8Jd5Gf0Sa2Ue4Wi';

export interface GraphUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  accountEnabled: boolean;
  jobTitle: string | null;
  department: string | null;
  userType: string;
  createdDateTime: string;
  lastPasswordChangeDateTime: string | null;
  signInSessionsValidFromDateTime: string;
  onPremisesSyncEnabled: boolean | null;
}

export interface GraphMock extends VendorMock {
  /** The directory, by object id. */
  users: Map<string, GraphUser>;
  /** Every token request, in order. */
  tokenRequests: MockRequest[];
  /** The mock's clock (epoch ms): revoking sessions stamps it. */
  options: { now: () => number };
  /** The directory the tests start from. */
  reset(): void;
}

export const SEED_USERS: readonly GraphUser[] = [
  {
    id: '6e7b768e-07e2-4810-8459-485f84f8f204',
    displayName: 'Jane Doe',
    userPrincipalName: 'j.doe@contoso.com',
    mail: 'j.doe@contoso.com',
    accountEnabled: true,
    jobTitle: 'Accounts Payable Clerk',
    department: 'Finance',
    userType: 'Member',
    createdDateTime: '2024-02-12T08:30:00Z',
    lastPasswordChangeDateTime: '2026-10-01T07:12:45Z',
    signInSessionsValidFromDateTime: '2026-10-01T07:12:45Z',
    onPremisesSyncEnabled: null,
  },
  {
    id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
    displayName: 'Adele Vance',
    userPrincipalName: 'AdeleV@contoso.com',
    mail: null,
    accountEnabled: false,
    jobTitle: null,
    department: null,
    userType: 'Member',
    createdDateTime: '2023-05-30T11:00:00Z',
    lastPasswordChangeDateTime: null,
    signInSessionsValidFromDateTime: '2023-05-30T11:00:00Z',
    onPremisesSyncEnabled: true,
  },
];

/** What the mock's API permissions are called, and which each app holds. */
const READ = 'User.Read.All';
const DISABLE = 'User.EnableDisableAccount.All';
const REVOKE = 'User.RevokeSessions.All';
const APPS = new Map([
  [ENTRA_CLIENT_ID, { secret: ENTRA_SECRET, roles: new Set([READ, DISABLE, REVOKE]) }],
  [READER_CLIENT_ID, { secret: READER_SECRET, roles: new Set([READ]) }],
]);
const WRITABLE = new Set(['accountEnabled', 'displayName', 'jobTitle', 'department']);

/** Graph's error body: `{ error: { code, message, innerError } }`. */
const graphError = (status: number, code: string, message: string): MockAnswer => ({
  status,
  body: {
    error: {
      code,
      message,
      innerError: {
        date: '2026-12-05T22:00:00',
        'request-id': randomUUID(),
        'client-request-id': randomUUID(),
      },
    },
  },
});

const notFound = (key: string) =>
  graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );
const denied = () =>
  graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export async function startGraphMock(): Promise<GraphMock> {
  const users = new Map<string, GraphUser>();
  const identity = microsoftTokenEndpoint({
    tenants: [ENTRA_TENANT, 'contoso.onmicrosoft.com'],
    scope: 'https://graph.microsoft.com/.default',
    apps: APPS,
    tokenPrefix: 'graph',
  });
  const options = { now: () => Date.now() };
  const bearer = (req: MockRequest) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';

  const find = (key: string) => {
    const upn = key.toLowerCase();
    return users.get(key) ?? [...users.values()].find((u) => u.userPrincipalName.toLowerCase() === upn);
  };

  const get = (req: MockRequest, key: string): MockAnswer => {
    const user = find(key);
    if (!user) return notFound(key);
    const select = req.query.get('$select')?.split(',');
    if (!select) return { status: 200, body: { '@odata.context': ctx('users/$entity'), ...user } };
    const unknown = select.find((f) => !(f in user));
    if (unknown)
      return graphError(
        400,
        'BadRequest',
        `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`,
      );
    const picked = Object.fromEntries(select.map((f) => [f, user[f as keyof GraphUser]]));
    return { status: 200, body: { '@odata.context': ctx(`users(${select.join(',')})/$entity`), ...picked } };
  };

  const patch = (req: MockRequest, key: string, roles: ReadonlySet<string>): MockAnswer => {
    if (!roles.has(DISABLE)) return denied();
    const user = find(key);
    if (!user) return notFound(key);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return graphError(
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    }
    const bad = Object.keys(body).find((k) => !WRITABLE.has(k));
    if (bad) return graphError(400, 'Request_BadRequest', `Invalid property '${bad}'.`);
    if ('accountEnabled' in body && typeof body['accountEnabled'] !== 'boolean') {
      return graphError(
        400,
        'Request_BadRequest',
        "Invalid value specified for property 'accountEnabled' of resource 'User'.",
      );
    }
    Object.assign(user, body);
    return { status: 204, body: null, text: '' };
  };

  const revoke = (key: string, roles: ReadonlySet<string>): MockAnswer => {
    if (!roles.has(REVOKE)) return denied();
    const user = find(key);
    if (!user) return notFound(key);
    user.signInSessionsValidFromDateTime = new Date(options.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    return { status: 200, body: { '@odata.context': ctx('Edm.Boolean'), value: true } };
  };

  const route = (req: MockRequest): MockAnswer => {
    const roles = identity.appOf(req)?.roles ?? new Set<string>();
    if (req.method === 'GET' && req.path === '/v1.0/users') {
      if (!roles.has(READ)) return denied();
      const top = Number(req.query.get('$top') ?? 100);
      const value = [...users.values()].slice(0, top).map((u) => ({ id: u.id }));
      return { status: 200, body: { '@odata.context': ctx('users(id)'), value } };
    }
    const m = /^\/v1\.0\/users\/([^/]+)(\/revokeSignInSessions)?$/.exec(req.path);
    const key = decodeURIComponent(m?.[1] ?? '');
    if (m && !m[2] && req.method === 'GET') return roles.has(READ) ? get(req, key) : denied();
    if (m && !m[2] && req.method === 'PATCH') return patch(req, key, roles);
    if (m?.[2] && req.method === 'POST') return revoke(key, roles);
    return graphError(400, 'BadRequest', `Resource not found for the segment '${req.path.split('/').pop() ?? ''}'.`);
  };

  const mock = await startVendorMock({
    authFailure(req) {
      if (isTokenPath(req.path)) return undefined;
      if (bearer(req) === '') return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      return identity.appOf(req)
        ? undefined
        : graphError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed.');
    },
    rateLimited: (seconds) => ({
      ...graphError(429, 'TooManyRequests', 'Too many requests.'),
      headers: { 'Retry-After': String(seconds) },
    }),
    route: (req) => identity.answer(req) ?? route(req),
  });
  const reset = () => {
    users.clear();
    for (const u of SEED_USERS) users.set(u.id, { ...u });
  };
  reset();
  return Object.assign(mock, { users, tokenRequests: identity.tokenRequests, options, reset });
}

const ctx = (what: string) => `https://graph.microsoft.com/v1.0/$metadata#${what}`;
