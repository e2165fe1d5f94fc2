/**
 * A FortiGate's REST API v2 on 127.0.0.1: `Authorization: Bearer <api token>` (401 with an
 * empty body otherwise, as FortiOS answers), firewall address objects and address groups
 * with their `member` child table, FortiOS's answer envelope, error -5 for a duplicate
 * entry, -3 for an unknown entry (404), -651 for a bad value, and 429 + Retry-After.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const FORTIGATE_TOKEN = 'r3Hk8pQx7mN2vB5cZ9wL1tY4sD6fG0';
export const BLOCK_GROUP = 'SOAR-Blocklist';

export interface FortiGateMock extends VendorMock {
  /** Address objects by name: their subnet. */
  addresses: Map<string, string>;
  /** Address groups by name: their members. */
  groups: Map<string, Set<string>>;
}

const envelope = (req: MockRequest, status: number, extra: Record<string, unknown> = {}): MockAnswer => ({
  status,
  body: {
    http_method: req.method,
    status: status === 200 ? 'success' : 'error',
    http_status: status,
    vdom: req.query.get('vdom') ?? 'root',
    serial: 'FGT60FTK20000000',
    version: 'v7.4.3',
    build: 2573,
    ...extra,
  },
});

export async function startFortiGateMock(): Promise<FortiGateMock> {
  const addresses = new Map<string, string>();
  const groups = new Map<string, Set<string>>([[BLOCK_GROUP, new Set(['placeholder-none'])]]);
  const route = (req: MockRequest): MockAnswer => {
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    const name = typeof body.name === 'string' ? body.name : '';
    const p = req.path;
    if (req.method === 'GET' && p === '/api/v2/monitor/system/status') {
      return envelope(req, 200, { results: { model_name: 'FortiGate', model_number: '60F', hostname: 'edge-fw-01' } });
    }
    if (req.method === 'POST' && p === '/api/v2/cmdb/firewall/address') {
      if (!/^\d+\.\d+\.\d+\.\d+\/32$/.test(String(body.subnet))) return envelope(req, 500, { error: -651 });
      if (addresses.has(name)) return envelope(req, 500, { error: -5 });
      addresses.set(name, String(body.subnet));
      return envelope(req, 200, { mkey: name });
    }
    const member = /^\/api\/v2\/cmdb\/firewall\/addrgrp\/([^/]+)\/member(?:\/([^/]+))?$/.exec(p);
    const members = member ? groups.get(decodeURIComponent(member[1] ?? '')) : undefined;
    if (member && !members) return envelope(req, 404, { error: -3 });
    if (member && members && req.method === 'POST' && !member[2]) {
      if (!addresses.has(name)) return envelope(req, 500, { error: -3 });
      if (members.has(name)) return envelope(req, 500, { error: -5 });
      members.add(name);
      return envelope(req, 200, { mkey: name });
    }
    if (member && members && req.method === 'DELETE' && member[2]) {
      const gone = decodeURIComponent(member[2]);
      if (!members.delete(gone)) return envelope(req, 404, { error: -3 });
      return envelope(req, 200, { mkey: gone });
    }
    const address = /^\/api\/v2\/cmdb\/firewall\/address\/([^/]+)$/.exec(p);
    if (address && req.method === 'DELETE') {
      const gone = decodeURIComponent(address[1] ?? '');
      // FortiOS refuses to delete an object still in use (error -23).
      if ([...groups.values()].some((g) => g.has(gone))) return envelope(req, 500, { error: -23 });
      if (!addresses.delete(gone)) return envelope(req, 404, { error: -3 });
      return envelope(req, 200, { mkey: gone });
    }
    return envelope(req, 404, { error: -3 });
  };
  const mock = await startVendorMock({
    authFailure: (req) =>
      req.headers.authorization === `Bearer ${FORTIGATE_TOKEN}` ? undefined : { status: 401, body: null, text: '' },
    rateLimited: (seconds) => ({ status: 429, body: null, text: '', headers: { 'retry-after': String(seconds) } }),
    route,
  });
  return Object.assign(mock, { addresses, groups });
}
