/**
 * A customer's action gateway on 127.0.0.1: it accepts the legacy JSON contract on any
 * path (`POST /api/block` with `{ action, target, reason, … }`), checks the credential the
 * way it was configured (a bearer token, a named header, basic auth, or nothing) and
 * answers `{ accepted: true }`; 401 `{ error: 'unauthorized' }` otherwise. A notify
 * webhook lives under `/hooks/<secret>`. Every request is recorded, body as received.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export type GatewayAuth =
  | { type: 'bearer'; token: string }
  | { type: 'header'; header: string; value: string }
  | { type: 'basic'; user: string; password: string }
  | { type: 'none' };

export const HOOK_SECRET = 'hk-7Qm2Zs9LwX4e';

export interface GatewayMock extends VendorMock {
  /** How the gateway checks callers; tests change it. */
  auth: { current: GatewayAuth };
  /** The notify webhook URL (itself the secret). */
  hookUrl: string;
}

function authorised(req: MockRequest, auth: GatewayAuth): boolean {
  const got = req.headers;
  switch (auth.type) {
    case 'bearer':
      return got['authorization'] === `Bearer ${auth.token}`;
    case 'header':
      return got[auth.header.toLowerCase()] === auth.value;
    case 'basic':
      return got['authorization'] === `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
    case 'none':
      return true;
  }
}

const unauthorised: MockAnswer = { status: 401, body: { error: 'unauthorized' } };

export async function startGatewayMock(auth: GatewayAuth = { type: 'none' }): Promise<GatewayMock> {
  const state = { current: auth };
  const mock = await startVendorMock({
    authFailure(req) {
      if (req.path.startsWith('/hooks/')) return req.path === `/hooks/${HOOK_SECRET}` ? undefined : unauthorised;
      return authorised(req, state.current) ? undefined : unauthorised;
    },
    rateLimited: (seconds) => ({
      status: 429,
      body: { error: 'slow down' },
      headers: { 'retry-after': String(seconds) },
    }),
    route(req) {
      if (req.path.startsWith('/hooks/')) return { status: 200, body: { delivered: true } };
      return { status: 200, body: { accepted: true } };
    },
  });
  return Object.assign(mock, { auth: state, hookUrl: `${mock.baseUrl}/hooks/${HOOK_SECRET}` });
}
