/**
 * The Defender for Endpoint API and the identity platform's token endpoint on 127.0.0.1, as
 * they answer: `POST /{tenant}/oauth2/v2.0/token` takes the client credentials grant in the form
 * (scope `https://api.securitycenter.microsoft.com/.default`) and answers `{ token_type:
 * 'Bearer', expires_in: 3599, access_token }` or AADSTS errors (401 invalid_client for a wrong
 * secret). The API takes the tokens it issued (401 Unauthorized otherwise), checks the app's
 * roles (403 Forbidden), answers OData `$filter=computerDnsName eq '…'` (case-insensitive),
 * `$top` and `$select` on `/api/machines`, and isolate / unisolate with 201 and a MachineAction
 * that stays Pending until the sensor acts (`settle()`: Succeeded), read back at
 * `/api/machineactions/{id}`; the same action while one is pending is 400
 * ActiveRequestAlreadyExists. Over the limit: 429 TooManyRequests with Retry-After.
 */
import { randomUUID } from 'node:crypto';
import { isTokenPath, microsoftTokenEndpoint } from '../microsoft-identity-mock';
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const MDE_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const MDE_CLIENT_ID = '9d1f3c5e-7a2b-4c6d-8e0f-1a3b5c7d9e2f';
export const MDE_SECRET = 'Xs9Q~pL3mVk7.Rt2Yw5Nb8Hc1Jd4Gf6Sa0Ue3Wi';
/** An app granted Machine.Read.All only. */
export const MDE_READER_ID = '2b4d6f8a-0c1e-4a3b-9d5f-7e9a1c3b5d7f';
export const MDE_READER_SECRET = 'Rd7Q~vN2mXk.Lp9wRt3Yz5Hc8Jd1Gf0Sa2Ue4Wi';
export const MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

export interface MdeMachine {
  id: string;
  computerDnsName: string;
  osPlatform: string;
  healthStatus: string;
  riskScore: string;
  exposureLevel: string;
  lastSeen: string;
  lastIpAddress: string;
  /** Not part of the Machine entity: the mock's view of the device's network state. */
  isolation: 'none' | 'isolating' | 'isolated' | 'releasing';
}

export interface MdeMock extends VendorMock {
  machines: Map<string, MdeMachine>;
  /** Every token request, in order. */
  tokenRequests: MockRequest[];
  /** The sensors act: pending isolation and release settle. */
  settle(): void;
  reset(): void;
}

export const SEED_MACHINES: readonly MdeMachine[] = [
  machine('1e5bc9d7e413ddd7902c2932e418702b84d0cc07', 'ws-fin-0042.contoso.com', 'Windows11', '10.20.4.42'),
  machine('7f3a9b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e0f21', 'srv-web-01.contoso.com', 'WindowsServer2022', '10.30.0.11'),
];

function machine(id: string, name: string, os: string, ip: string): MdeMachine {
  return {
    id,
    computerDnsName: name,
    osPlatform: os,
    healthStatus: 'Active',
    riskScore: 'High',
    exposureLevel: 'Medium',
    lastSeen: '2026-12-05T21:28:44.0921237Z',
    lastIpAddress: ip,
    isolation: 'none',
  };
}

const mdeError = (status: number, code: string, message: string): MockAnswer => ({
  status,
  body: { error: { code, message, target: randomUUID() } },
});
const CONTEXT = 'https://api.securitycenter.microsoft.com/api/$metadata#';
const READ = 'Machine.Read.All';
const ISOLATE = 'Machine.Isolate';
const APPS = new Map([
  [MDE_CLIENT_ID, { secret: MDE_SECRET, roles: new Set([READ, ISOLATE]) }],
  [MDE_READER_ID, { secret: MDE_READER_SECRET, roles: new Set([READ]) }],
]);
const tokens = () =>
  microsoftTokenEndpoint({ tenants: [MDE_TENANT], scope: MDE_SCOPE, apps: APPS, tokenPrefix: 'mde' });

export async function startDefenderMock(): Promise<MdeMock> {
  const machines = new Map<string, MdeMachine>();
  /** Machine actions by id, as the API keeps them. */
  const actions = new Map<string, Record<string, unknown> & { machineId: string; status: string }>();
  const identity = tokens();
  const list = (req: MockRequest): MockAnswer => {
    const filter = req.query.get('$filter');
    const m = filter === null ? undefined : /^computerDnsName eq '([^']*)'$/.exec(filter);
    if (filter !== null && !m) return mdeError(400, 'InvalidRequest', `Invalid filter clause: ${filter}`);
    const name = m?.[1]?.toLowerCase();
    const found = [...machines.values()].filter((d) => name === undefined || d.computerDnsName === name);
    const top = Number(req.query.get('$top') ?? 10_000);
    const select = req.query.get('$select')?.split(',');
    const value = found.slice(0, top).map(({ isolation: _i, ...d }) => {
      const full = {
        ...d,
        onboardingStatus: 'Onboarded',
        osVersion: null,
        lastExternalIpAddress: '198.51.100.23',
        machineTags: [],
      };
      return select ? Object.fromEntries(select.map((f) => [f, full[f as keyof typeof full]])) : full;
    });
    return {
      status: 200,
      body: { '@odata.context': `${CONTEXT}Machines${select ? `(${select.join(',')})` : ''}`, value },
    };
  };

  const act = (req: MockRequest, id: string, verb: 'isolate' | 'unisolate', appId: string): MockAnswer => {
    const d = machines.get(id);
    if (!d) return mdeError(404, 'ResourceNotFound', `Machine ${id} was not found`);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return mdeError(400, 'InvalidRequestBody', 'Request body is not a valid JSON');
    }
    if (typeof body['Comment'] !== 'string') return mdeError(400, 'InvalidRequestBody', 'Comment is required');
    const scope = verb === 'isolate' ? body['IsolationType'] : null;
    if (verb === 'isolate' && scope !== 'Full' && scope !== 'Selective') {
      return mdeError(400, 'InvalidRequestBody', "IsolationType must be 'Full' or 'Selective'");
    }
    const pending = verb === 'isolate' ? 'isolating' : 'releasing';
    if (d.isolation === pending) return mdeError(400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
    d.isolation = pending;
    const now = '2026-12-05T22:00:01.4521345Z';
    const action = {
      id: randomUUID(),
      type: verb === 'isolate' ? 'Isolate' : 'Unisolate',
      scope,
      requestor: appId,
      requestorComment: body['Comment'],
      status: 'Pending',
      machineId: d.id,
      computerDnsName: d.computerDnsName,
      creationDateTimeUtc: now,
      lastUpdateDateTimeUtc: now,
      relatedFileInfo: null,
    };
    actions.set(action.id, action);
    return { status: 201, body: { '@odata.context': `${CONTEXT}MachineActions/$entity`, ...action } };
  };

  const machineAction = (id: string): MockAnswer => {
    const action = actions.get(id);
    if (!action) return mdeError(404, 'ResourceNotFound', `MachineAction ${id} was not found`);
    return { status: 200, body: { '@odata.context': `${CONTEXT}MachineActions/$entity`, ...action } };
  };

  const route = (req: MockRequest): MockAnswer => {
    const app = identity.appOf(req);
    const roles = app?.roles ?? new Set<string>();
    const forbidden = (role: string) =>
      mdeError(
        403,
        'Forbidden',
        `The application does not have any of the required application permissions (${role}) to access the resource.`,
      );
    if (req.method === 'GET' && req.path === '/api/machines') return roles.has(READ) ? list(req) : forbidden(READ);
    const a = /^\/api\/machineactions\/([^/]+)$/.exec(req.path);
    if (a && req.method === 'GET')
      return roles.has(READ) ? machineAction(decodeURIComponent(a[1] ?? '')) : forbidden(READ);
    const m = /^\/api\/machines\/([^/]+)\/(isolate|unisolate)$/.exec(req.path);
    if (m && req.method === 'POST') {
      if (!roles.has(ISOLATE)) return forbidden(ISOLATE);
      return act(req, decodeURIComponent(m[1] ?? ''), m[2] === 'isolate' ? 'isolate' : 'unisolate', app?.appId ?? '');
    }
    return mdeError(404, 'ResourceNotFound', `Resource not found: ${req.path}`);
  };

  const mock = await startVendorMock({
    authFailure(req) {
      if (isTokenPath(req.path)) return undefined;
      return identity.appOf(req)
        ? undefined
        : mdeError(401, 'Unauthorized', 'Authorization has been denied for this request.');
    },
    rateLimited: (seconds) => ({
      ...mdeError(429, 'TooManyRequests', `Rate limit is exceeded. Try again in ${seconds} seconds.`),
      headers: { 'Retry-After': String(seconds) },
    }),
    route: (req) => identity.answer(req) ?? route(req),
  });
  const reset = () => {
    actions.clear();
    machines.clear();
    for (const d of SEED_MACHINES) machines.set(d.id, { ...d });
  };
  reset();
  const settle = () => {
    for (const action of actions.values()) {
      if (action.status !== 'Pending') continue;
      action.status = 'Succeeded';
      action['lastUpdateDateTimeUtc'] = '2026-12-05T22:01:12.8830541Z';
    }
    for (const d of machines.values()) {
      if (d.isolation === 'isolating') d.isolation = 'isolated';
      if (d.isolation === 'releasing') d.isolation = 'none';
    }
  };
  return Object.assign(mock, { machines, tokenRequests: identity.tokenRequests, settle, reset });
}
