/**
 * The test runner never uses a credential (issue 13 §2): the whole server (createServer with
 * the executor, so the runner starts with it), ACME Intel installed as a custom connector,
 * a live-mode and a test-mode credential whose base URL is a vendor mock on 127.0.0.1 that
 * counts requests. A saved version whose cases look an IP up through each credential runs
 * in the background: its cases pass on the action's example, the live credential is noted,
 * and the vendor never hears of it.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVendorMock, type MockAnswer, type VendorMock } from '../../connectors/vendor-mock';
import { createServer, type Server } from '../../src/server';
import { TEST_SCRYPT } from '../../src/services/auth';
import { newApiToken, sha256 } from '../../src/services/auth/secrets';
import { insertApiToken } from '../../src/store/api-tokens';
import { intel, INTEL_KEY } from '../connectors/custom-support';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { step, workflow } from '../engine/harness';
import { createUser, testContext } from '../support/app';
import { finishedTests } from './harness';

let db: TestDatabase;
let mock: VendorMock;
let server: Server;
let http: HttpServer;
const tokens: Record<'admin' | 'analyst', string> = { admin: '', analyst: '' };

const json = (status: number, body: unknown): MockAnswer => ({ status, body });
/** Requests for an IP lookup: what a live read would send (health probes ask /v1/status). */
const lookups = () => mock.calls.filter((c) => c.path.startsWith('/v1/ip/')).length;

const as = (who: 'admin' | 'analyst') => ({ authorization: `Bearer ${tokens[who]}` });

beforeAll(async () => {
  [db, mock] = await Promise.all([
    createTestDatabase(),
    startVendorMock({
      authFailure: (req) => (req.headers['x-api-key'] === INTEL_KEY ? undefined : json(401, { error: 'bad key' })),
      rateLimited: (seconds) => ({
        status: 429,
        body: { error: 'slow down' },
        headers: { 'retry-after': `${seconds}` },
      }),
      route(req) {
        if (req.method === 'GET' && req.path === '/v1/status') return json(200, { ok: true });
        const m = /^\/v1\/ip\/([^/]+)$/.exec(req.path);
        if (req.method === 'GET' && m) return json(200, { ip: m[1], risk: 5, api: 'v1' });
        return json(404, { error: 'no such route' });
      },
    }),
  ]);
  const ctx = testContext(db.prisma, {
    SECRET_KEY: randomBytes(32).toString('base64'),
    OUTBOUND_ALLOW: ['127.0.0.1'],
    EXECUTOR: true,
  });
  for (const role of ['admin', 'analyst'] as const) {
    const user = await createUser(db.prisma, role);
    tokens[role] = newApiToken();
    await insertApiToken(db.prisma, {
      name: 'live',
      tokenHash: sha256(tokens[role]),
      userId: user.id,
      expiresAt: null,
    });
  }
  server = createServer(ctx, { auth: { scrypt: TEST_SCRYPT }, databaseUrl: db.url });
  http = server.app.listen(0, '127.0.0.1');
  await server.start();
  const admin = (path: string, body: object) => request(http).post(`/api${path}`).set(as('admin')).send(body);
  await admin('/connectors', intel('1.0.0')).expect(201);
  for (const [name, mode] of [
    ['intel', 'live'],
    ['intel-sandbox', 'test'],
  ] as const) {
    await admin('/credentials', {
      name,
      connectorId: 'acme-intel',
      mode,
      value: INTEL_KEY,
      baseUrl: mock.baseUrl,
    }).expect(201);
  }
}, 60_000);
afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  await server.stop();
  await mock.close();
  await db.drop();
});

const look = (credential: string, to: Record<string, string> = {}) =>
  step(
    'connector',
    {
      connector: 'acme-intel',
      version: '1.0.0',
      action: 'lookup_ip',
      credential,
      input: { ip: '{{ event.ip }}' },
      effect: 'read',
      target: { param: 'ip', kind: 'ip' },
    },
    to,
  );

describe('test runs and credentials', () => {
  it('when a version whose cases read through a live and a test credential is saved then the runner sends nothing', async () => {
    // start → live (lookup_ip, live credential) → sandbox (lookup_ip, test credential); no fixture on either.
    const doc = {
      ...workflow('live', { live: look('intel', { out: 'sandbox' }), sandbox: look('intel-sandbox') }),
      tests: [
        {
          name: 'looked up',
          event: { ip: '198.51.100.7' },
          expect: {
            status: 'succeeded',
            outputs: [
              { step: 'live', matches: 'risk = 80' },
              { step: 'sandbox', matches: 'risk = 80' },
            ],
          },
        },
      ],
    };
    const before = lookups();

    const created = await request(http).post('/api/workflows').set(as('analyst')).send({ document: doc }).expect(201);
    const run = await finishedTests(request(http), as('analyst').authorization, created.body.workflow.id, 1);

    // The example (risk 80) answered both reads; the mock would have said 5.
    expect(run.status).toBe('passed');
    expect(run.cases[0]).toMatchObject({ name: 'looked up', passed: true, path: ['live', 'sandbox'] });
    expect(lookups()).toBe(before);
    const stored = await db.prisma.run.findUniqueOrThrow({ where: { id: run.cases[0].runId } });
    expect(stored.mode).toBe('simulation');
    expect(JSON.stringify(stored.state)).toContain(
      "credential 'intel' is a live credential: acme-intel 1.0.0 lookup_ip answered with its example, nothing was sent",
    );
  });
});
