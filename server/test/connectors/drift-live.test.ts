/**
 * Drift detection end to end (issue 12 §2): the whole server (createServer, the executor,
 * the real authenticator) on its own database, ACME Intel added as a custom connector and
 * called live by a published workflow through a credential whose base URL is a vendor mock
 * on 127.0.0.1. The mock then changes its answer's shape — a new field, a renamed field, a
 * changed type — and the drift is recorded (GET /connectors/drift, masked samples), counted
 * in /metrics, acknowledged by an admin (audited) and reopened when seen again; only what
 * fails the response schema fails the step.
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
import { driftCounts } from '../../src/store/connector-drift';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { step, workflow } from '../engine/harness';
import { eventually, publishedWorkflow } from '../runs/support';
import { createUser, testContext } from '../support/app';
import { intel, INTEL_KEY } from './custom-support';

const METRICS_TOKEN = 'metrics-token-5d4c3b2a1f0e';

let db: TestDatabase;
let mock: VendorMock;
let server: Server;
let http: HttpServer;
const tokens: Record<'admin' | 'analyst', string> = { admin: '', analyst: '' };

/** What the mock's lookup answers for an ip: the declared shape until a test changes it. */
let lookup: (ip: string) => unknown = (ip) => ({ ip, risk: 80, api: 'v1' });
/** What the mock's health endpoint answers. */
let status: unknown = { ok: true };

function startMock(): Promise<VendorMock> {
  const json = (code: number, body: unknown): MockAnswer => ({ status: code, body });
  return startVendorMock({
    authFailure: (req) => (req.headers['x-api-key'] === INTEL_KEY ? undefined : json(401, { error: 'bad key' })),
    rateLimited: (seconds) => ({ status: 429, body: { error: 'slow down' }, headers: { 'retry-after': `${seconds}` } }),
    route(req) {
      if (req.method === 'GET' && req.path === '/v1/status') return json(200, status);
      const m = /^\/v1\/ip\/([^/]+)$/.exec(req.path);
      if (req.method === 'GET' && m) return json(200, lookup(decodeURIComponent(m[1] ?? '')));
      return json(404, { error: 'no such route' });
    },
  });
}

const as = (who: 'admin' | 'analyst') => ({ authorization: `Bearer ${tokens[who]}` });
const api = {
  get: (path: string, who: 'admin' | 'analyst' = 'analyst') => request(http).get(`/api${path}`).set(as(who)),
  post: (path: string, body: object = {}, who: 'admin' | 'analyst' = 'admin') =>
    request(http).post(`/api${path}`).set(as(who)).send(body),
};

interface DriftView {
  id: string;
  connectorId: string;
  version: string;
  action: string;
  path: string;
  kind: string;
  count: number;
  expected: string;
  actual: string;
  required: boolean | null;
  sample: unknown;
  failing: boolean;
  acknowledgedAt: string | null;
}

const driftList = async (query = ''): Promise<DriftView[]> =>
  (await api.get(`/connectors/drift${query}`).expect(200)).body.drift as DriftView[];

/** The drift row at (action, path, kind) once its count reached `count` (recording does not make the step wait). */
const driftOnce = (action: string, path: string, kind: string, count = 1) =>
  eventually(async () =>
    (await driftList()).find((d) => d.action === action && d.path === path && d.kind === kind && d.count >= count),
  );

// start → look (acme-intel 1.0.0 lookup_ip {{ event.ip }}, credential intel)
const lookupDoc = workflow('look', {
  look: step('connector', {
    connector: 'acme-intel',
    version: '1.0.0',
    action: 'lookup_ip',
    credential: 'intel',
    input: { ip: '{{ event.ip }}' },
    effect: 'read',
    target: { param: 'ip', kind: 'ip' },
  }),
});
let workflowId: string;

/** Starts a live run through the API and waits for its end: its status and the look step's error. */
async function run(ip = '203.0.113.9') {
  const started = await api.post(`/workflows/${workflowId}/runs`, { event: { ip } }).expect(202);
  const runId = String(started.body.runId);
  const done = await eventually(
    () =>
      db.prisma.run
        .findUnique({ where: { id: runId } })
        .then((r) => (r && ['succeeded', 'failed'].includes(r.status) ? r : undefined)),
    15_000,
  );
  const look = await db.prisma.stepRun.findFirst({ where: { runId, stepId: 'look' }, orderBy: { attempt: 'desc' } });
  return { status: done.status, error: look?.error as { kind: string; message: string } | null | undefined };
}

/** The value of a metric line with these labels, or undefined. */
async function metric(name: string, labels: string): Promise<number | undefined> {
  const text = (await request(http).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

beforeAll(async () => {
  [db, mock] = await Promise.all([createTestDatabase(), startMock()]);
  const ctx = testContext(db.prisma, {
    SECRET_KEY: randomBytes(32).toString('base64'),
    OUTBOUND_ALLOW: ['127.0.0.1'],
    EXECUTOR: true,
    METRICS_TOKEN,
  });
  for (const role of ['admin', 'analyst'] as const) {
    const user = await createUser(db.prisma, role);
    tokens[role] = newApiToken();
    await insertApiToken(db.prisma, {
      name: 'drift',
      tokenHash: sha256(tokens[role]),
      userId: user.id,
      expiresAt: null,
    });
  }
  server = createServer(ctx, { auth: { scrypt: TEST_SCRYPT }, databaseUrl: db.url });
  http = server.app.listen(0, '127.0.0.1');
  await server.start();
  await api.post('/connectors', intel('1.0.0')).expect(201);
  await api
    .post('/credentials', {
      name: 'intel',
      connectorId: 'acme-intel',
      mode: 'live',
      value: INTEL_KEY,
      baseUrl: mock.baseUrl,
    })
    .expect(201);
  workflowId = (await publishedWorkflow(db.prisma, lookupDoc)).workflowId;
}, 60_000);
afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  await server.stop();
  await mock.close();
  await db.drop();
});

describe('connector drift, live', () => {
  it('when the vendor answers as declared then the run succeeds and no drift is recorded', async () => {
    const r = await run();

    expect(r.status).toBe('succeeded');
    expect(mock.calls.at(-1)?.path).toBe('/v1/ip/203.0.113.9');
    expect(await driftList()).toEqual([]);
  });

  it('when the vendor adds a field then the step still succeeds, the new field is recorded and counted per answer', async () => {
    lookup = (ip) => ({ ip, risk: 80, api: 'v1', asn: 64500, owner: { name: 'Example Hosting BV' } });

    const first = await run();
    await driftOnce('lookup_ip', '/owner', 'new');
    const second = await run();
    const asn = await driftOnce('lookup_ip', '/asn', 'new', 2);

    expect([first.status, second.status]).toEqual(['succeeded', 'succeeded']);
    expect(asn).toMatchObject({
      connectorId: 'acme-intel',
      version: '1.0.0',
      expected: 'undeclared',
      actual: 'integer',
      sample: '<number>',
      failing: false,
      acknowledgedAt: null,
    });
    const owner = await driftOnce('lookup_ip', '/owner', 'new', 2);
    expect(owner.sample).toEqual({ name: '<string, 18 chars>' });
    expect(JSON.stringify(await driftList())).not.toContain('Example Hosting');
  });

  it('when the vendor renames a required field then the step fails with bad_response and the drift names both fields', async () => {
    lookup = (ip) => ({ ip, riskScore: 80, api: 'v1' });

    const r = await run();

    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ kind: 'validation' });
    expect(r.error?.message).toContain('the answer does not match the response schema');
    expect(await driftOnce('lookup_ip', '/risk', 'missing')).toMatchObject({
      expected: 'integer',
      actual: 'absent',
      required: true,
      sample: null,
      failing: true,
    });
    expect(await driftOnce('lookup_ip', '/riskScore', 'new')).toMatchObject({ actual: 'integer', failing: true });
  });

  it('when the vendor changes a type then the step fails and the sample shows the shape, never the value', async () => {
    lookup = (ip) => ({ ip, risk: 'high (80/100)', api: 'v1' });

    const r = await run('198.51.100.23');

    expect(r.status).toBe('failed');
    expect(r.error?.message).toContain('/risk must be integer');
    const drift = await driftOnce('lookup_ip', '/risk', 'type');
    expect(drift).toMatchObject({ expected: 'integer', actual: 'string', sample: '<string, 13 chars>', failing: true });
    const all = JSON.stringify(await driftList());
    expect(all).not.toContain('high (80/100)');
    expect(all).not.toContain('198.51.100.23');
    expect(all).not.toContain(INTEL_KEY);
  });

  it('when /metrics is scraped then drift events are counted by connector, action and kind', async () => {
    const rows = await driftList();
    const sum = (kind: string) => rows.filter((d) => d.kind === kind).reduce((n, d) => n + d.count, 0);

    expect(
      await metric('autonomic_connector_drift_events_total', 'connector="acme-intel",action="lookup_ip",kind="new"'),
    ).toBe(sum('new'));
    expect(sum('new')).toBeGreaterThanOrEqual(5);
    expect(
      await metric('autonomic_connector_drift_events_total', 'connector="acme-intel",action="lookup_ip",kind="type"'),
    ).toBe(1);
  });

  it("when a credential's connection is tested and the health answer drifted then that drift is recorded too", async () => {
    status = { ok: true, plan: 'enterprise' };

    const res = await api.post('/credentials/intel/test').expect(200);

    expect(res.body).toMatchObject({ ok: true });
    expect(await driftOnce('status', '/plan', 'new')).toMatchObject({ sample: '<string, 10 chars>', failing: false });
  });

  it('when an admin acknowledges a drift then it leaves the open count, is audited, and reopens when an answer shows it again', async () => {
    const drift = await driftOnce('lookup_ip', '/risk', 'type');
    const before = (await driftCounts(db.prisma)).get('acme-intel');

    const res = await api.post(`/connectors/drift/${drift.id}/acknowledge`).expect(200);

    expect(res.body).toMatchObject({
      id: drift.id,
      acknowledgedAt: expect.any(String),
      acknowledgedById: expect.any(String),
    });
    const after = (await driftCounts(db.prisma)).get('acme-intel');
    expect(after).toMatchObject({ events: before?.events, open: (before?.open ?? 0) - 1 });
    expect((await driftList('?open=true')).map((d) => d.id)).not.toContain(drift.id);
    const audit = await db.prisma.auditEvent.findMany({ where: { targetType: 'connector_drift', targetId: drift.id } });
    expect(audit.map((a) => [a.action, a.details])).toEqual([
      [
        'connector_drift.acknowledged',
        { connectorId: 'acme-intel', version: '1.0.0', action: 'lookup_ip', path: '/risk', kind: 'type', count: 1 },
      ],
    ]);

    await run();

    const again = await driftOnce('lookup_ip', '/risk', 'type', 2);
    expect(again.acknowledgedAt).toBeNull();
    expect((await driftCounts(db.prisma)).get('acme-intel')?.open).toBe(before?.open);
  });

  it('when the list is filtered by connector then only its drift comes', async () => {
    expect((await driftList('?connector=acme-intel')).length).toBeGreaterThan(0);
    expect(await driftList('?connector=abuseipdb')).toEqual([]);
  });

  it('when acknowledging is asked by a non-admin, for an unknown id or a malformed one then 403, 404 and 400 naming the field', async () => {
    const [drift] = await driftList();
    const forbidden = await api.post(`/connectors/drift/${drift?.id}/acknowledge`, {}, 'analyst');
    const unknown = await api.post('/connectors/drift/01930000-0000-7000-8000-000000000000/acknowledge');
    const malformed = await api.post('/connectors/drift/nope/acknowledge');
    const badQuery = await api.get('/connectors/drift?limit=0');

    expect(forbidden.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('params.id');
    expect(badQuery.status).toBe(400);
    expect(JSON.stringify(badQuery.body)).toContain('query.limit');
  });
});
