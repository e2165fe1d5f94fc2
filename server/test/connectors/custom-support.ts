/**
 * Custom connector tests: two admins' own connectors as request bodies (ACME Intel, read
 * only; ACME EDR, with a destructive action), the whole server (createServer, the real
 * authenticator) with a user per role and a second admin, a small ACME Intel vendor mock on
 * 127.0.0.1, and a workflow document pinning a connector version.
 */
import request from 'supertest';
import type { Role } from '@autonomic/api';
import { startVendorMock, type MockAnswer, type VendorMock } from '../../connectors/vendor-mock';
import { authzServer, bearer, type AuthzServer, type RoleUser } from '../authz/harness';
import { createTestDatabase, type TestDatabase } from '../db/test-database';

export const INTEL_KEY = 'acme-intel-key-0f9e8d7c6b5a';

/**
 * ACME Intel `version`: lookup_ip (read, target ip) and status (the health action). 1.x asks
 * `/v1/ip/{{ ip }}`; `path` lets a later version ask elsewhere (`/v2/ip/{{ ip }}`).
 */
export function intel(version = '1.0.0', path = '/v1/ip/{{ ip }}') {
  return {
    formatVersion: 1,
    id: 'acme-intel',
    name: 'ACME Intel',
    vendor: 'ACME',
    version,
    description: 'Threat intelligence on IP addresses.',
    baseUrl: 'https://intel.acme.example',
    auth: { type: 'api_key', in: 'header', name: 'X-Api-Key' },
    healthAction: { action: 'status', params: {} },
    actions: {
      lookup_ip: {
        title: 'Look up an IP',
        description: "The address's risk score.",
        effect: 'read',
        method: 'GET',
        path,
        params: { type: 'object', properties: { ip: { type: 'string' } }, required: ['ip'] },
        response: {
          type: 'object',
          properties: { ip: { type: 'string' }, risk: { type: 'integer' }, api: { type: 'string' } },
          required: ['ip', 'risk'],
        },
        target: { param: 'ip', kind: 'ip' },
        example: { ip: '203.0.113.9', risk: 80, api: 'v1' },
      },
      status: {
        title: 'Status',
        description: 'Whether the key works.',
        effect: 'read',
        method: 'GET',
        path: '/v1/status',
        params: { type: 'object', properties: {} },
        response: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
        example: { ok: true },
      },
    },
  };
}

/** ACME EDR `version`: isolate_host (destructive, target host), so every version awaits review. */
export function edr(version = '1.0.0') {
  return {
    formatVersion: 1,
    id: 'acme-edr',
    name: 'ACME EDR',
    vendor: 'ACME',
    version,
    description: 'Endpoint isolation.',
    baseUrl: 'https://edr.acme.example',
    auth: { type: 'bearer' },
    actions: {
      isolate_host: {
        title: 'Isolate host',
        description: 'Cuts a host off the network.',
        effect: 'destructive',
        method: 'POST',
        path: '/v1/hosts/{{ host }}/isolate',
        params: { type: 'object', properties: { host: { type: 'string' } }, required: ['host'] },
        response: { type: 'object', properties: { id: { type: 'string' } } },
        target: { param: 'host', kind: 'host' },
        example: { id: 'iso-1' },
      },
    },
  };
}

/** A document whose one step runs `action` of the pinned connector version with credential `credential`. */
export function pinning(
  pin: { connector: string; version: string; action: string },
  credential: string,
  input: Record<string, unknown>,
  copy: { effect: string; target?: { param: string; kind: string } },
) {
  return {
    formatVersion: 1,
    metadata: { name: `Uses ${pin.connector} ${pin.version}` },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['call'] } },
    steps: {
      call: {
        type: 'connector',
        params: { ...pin, credential, input, ...copy },
        transitions: { out: ['done'] },
      },
      done: { type: 'end', params: {} },
    },
  };
}

export type Caller = Role | 'admin2';

export interface CustomServer {
  db: TestDatabase;
  t: AuthzServer;
  /** The second admin: the other person of the two-person rule. */
  admin2: RoleUser;
  /** Requests as a caller (API token). */
  as(caller: Caller): {
    get(path: string): request.Test;
    post(path: string, body?: object): request.Test;
    delete(path: string): request.Test;
  };
  userId(caller: Caller): string;
  /** The audit rows of custom connectors, oldest first. */
  audit(): Promise<
    Array<{ actor: string; action: string; targetId: string; details: unknown; afterHash: string | null }>
  >;
  close(): Promise<void>;
}

export async function customServer(options: { outboundAllow?: string[] } = {}): Promise<CustomServer> {
  const db = await createTestDatabase();
  const t = await authzServer(db, options.outboundAllow ? { OUTBOUND_ALLOW: options.outboundAllow } : {});
  const admin2 = await t.addUser('admin');
  const user = (caller: Caller) => (caller === 'admin2' ? admin2 : t.users[caller]);
  return {
    db,
    t,
    admin2,
    as(caller) {
      const headers = bearer(user(caller));
      const api = request(t.http);
      return {
        get: (path) => api.get(`/api${path}`).set(headers),
        post: (path, body) => {
          const req = api.post(`/api${path}`).set(headers);
          return body === undefined ? req : req.send(body);
        },
        delete: (path) => api.delete(`/api${path}`).set(headers),
      };
    },
    userId: (caller) => user(caller).id,
    audit: () =>
      db.prisma.auditEvent.findMany({
        where: { targetType: 'custom_connector' },
        orderBy: { createdAt: 'asc' },
        select: { actor: true, action: true, targetId: true, details: true, afterHash: true },
      }),
    async close() {
      await t.close();
      await db.drop();
    },
  };
}

/** ACME Intel as the vendor answers: the key in X-Api-Key; /v1 and /v2 lookups say which API answered. */
export function startIntelMock(): Promise<VendorMock> {
  const json = (status: number, body: unknown): MockAnswer => ({ status, body });
  return startVendorMock({
    authFailure: (req) => (req.headers['x-api-key'] === INTEL_KEY ? undefined : json(401, { error: 'bad key' })),
    rateLimited: (seconds) => ({ status: 429, body: { error: 'slow down' }, headers: { 'retry-after': `${seconds}` } }),
    route(req) {
      if (req.method === 'GET' && req.path === '/v1/status') return json(200, { ok: true });
      const m = /^\/(v1|v2)\/ip\/([^/]+)$/.exec(req.path);
      if (req.method === 'GET' && m) return json(200, { ip: decodeURIComponent(m[2] ?? ''), risk: 80, api: m[1] });
      return json(404, { error: 'no such route' });
    },
  });
}
