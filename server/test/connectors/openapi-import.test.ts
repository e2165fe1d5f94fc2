/**
 * OpenAPI import end to end, over the whole server (createServer, the real authenticator,
 * the executor) and a mock of the vendor's API on 127.0.0.1: ACME Sentinel's OpenAPI
 * document is previewed, three operations are imported (one marked destructive, with its
 * target), the version waits for another admin, who approves it; a credential for it
 * passes "test connection"; a workflow whose connector step calls the imported lookup is
 * reviewed, published and run live, and its output is what the mock answered; a
 * published isolation of a protected host is refused before anything reaches the vendor.
 * Bad documents and choices answer 400 naming the field, and nothing is stored.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { OPENAPI_DOCUMENT_MAX, type Role } from '@autonomic/api';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorMock } from '../../connectors/vendor-mock';
import { createServer, type Server } from '../../src/server';
import { TEST_SCRYPT } from '../../src/services/auth';
import { newApiToken, sha256 } from '../../src/services/auth/secrets';
import { insertApiToken } from '../../src/store/api-tokens';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually } from '../runs/support';
import { createUser, testContext } from '../support/app';
import { SENTINEL_KEY, SENTINEL_YAML, startSentinelMock } from './openapi-support';

type Caller = Role | 'admin2' | 'reviewer2';

let db: TestDatabase;
let mock: VendorMock;
let server: Server;
let http: HttpServer;
const tokens = {} as Record<Caller, string>;
const ids = {} as Record<Caller, string>;

const as = (caller: Caller) => ({
  get: (path: string) => request(http).get(`/api${path}`).set('authorization', `Bearer ${tokens[caller]}`),
  post: (path: string, body?: object) => {
    const req = request(http).post(`/api${path}`).set('authorization', `Bearer ${tokens[caller]}`);
    return body === undefined ? req : req.send(body);
  },
});
const stored = () => db.prisma.customConnectorVersion.count();

beforeAll(async () => {
  [db, mock] = await Promise.all([createTestDatabase(), startSentinelMock()]);
  const ctx = testContext(db.prisma, {
    SECRET_KEY: randomBytes(32).toString('base64'),
    OUTBOUND_ALLOW: ['127.0.0.1'],
    EXECUTOR: true,
  });
  for (const caller of ['admin', 'admin2', 'analyst', 'reviewer', 'reviewer2'] as const) {
    const role = caller === 'admin2' ? 'admin' : caller === 'reviewer2' ? 'reviewer' : caller;
    const user = await createUser(db.prisma, role);
    tokens[caller] = newApiToken();
    ids[caller] = user.id;
    await insertApiToken(db.prisma, {
      name: caller,
      tokenHash: sha256(tokens[caller]),
      userId: user.id,
      expiresAt: null,
    });
  }
  server = createServer(ctx, { auth: { scrypt: TEST_SCRYPT }, databaseUrl: db.url });
  await server.start();
  http = server.app.listen(0, '127.0.0.1');
}, 60_000);
afterAll(async () => {
  await server.stop();
  http.closeAllConnections();
  http.close();
  await mock.close();
  await db.drop();
});

const importBody = {
  document: SENTINEL_YAML,
  connector: { id: 'acme-sentinel', version: '1.0.0' },
  operations: [
    { key: 'GET /status', effect: 'read' },
    {
      key: 'GET /hosts/{hostname}',
      effect: 'read',
      actionId: 'lookup_host',
      target: { param: 'hostname', kind: 'host' },
    },
    {
      key: 'POST /hosts/{hostname}/isolate',
      effect: 'destructive',
      target: { param: 'hostname', kind: 'host' },
    },
  ],
  healthAction: 'get_status',
};

/**
 * A playbook with one connector step of acme-sentinel 1.0.0:
 *   start ─out→ call (acme-sentinel <action>, credential sentinel) ─out→ done
 */
function playbook(name: string, action: string, input: Record<string, string>, effect: string) {
  return {
    formatVersion: 3,
    metadata: { name },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['call'] } },
    steps: {
      call: {
        type: 'connector',
        params: {
          connector: 'acme-sentinel',
          version: '1.0.0',
          action,
          credential: 'sentinel',
          input,
          effect,
          target: { param: 'hostname', kind: 'host' },
        },
        transitions: { out: ['done'] },
      },
      done: { type: 'end', params: {} },
    },
    // A high-risk change needs cases that reach its destructive step and show it refused on a protected target.
    tests: [
      { name: 'a host', event: { host: 'web-7' }, expect: { reached: ['call'] } },
      {
        name: 'a protected host',
        event: { host: 'dc01' },
        safety: { protected: [{ kind: 'host', value: 'dc01' }] },
        expect: { reached: ['call'] },
      },
    ],
  };
}

/** Saved by the analyst, approved by the reviewers asked and (where the change is high-risk) its test run, published: the workflow's id. */
async function publish(doc: object): Promise<string> {
  const saved = await as('analyst').post('/workflows', { document: doc }).expect(201);
  expect(saved.body.problems).toEqual([]);
  const id = String(saved.body.workflow.id);
  const review = await as('analyst').post(`/workflows/${id}/versions/1/review`, {
    reviewerIds: [ids.reviewer, ids.reviewer2],
  });
  expect(review.body.error ?? null).toBeNull();
  expect(review.status).toBe(201);
  // Each asked reviewer approves until the review is approved (publish then proves it is).
  for (const reviewer of ['reviewer', 'reviewer2'] as const) {
    const decided = await as(reviewer).post(`/reviews/${review.body.review.id}/decisions`, { decision: 'approve' });
    if (decided.status !== 201) expect(decided.body.error.code).toBe('review_closed');
  }
  // A high-risk change is approved once its test run (in the background, nothing sent to the vendor) passed too.
  await eventually(async () => {
    const v = await as('analyst').get(`/workflows/${id}/versions/1`);
    return v.body.status === 'approved' ? true : undefined;
  }, 15_000);
  // The destructive call is unguarded on purpose (the safety list refuses it at run time):
  // an admin waives the safety policies it breaks (issue 15 §2), or publish is refused.
  const check = await as('analyst').get(`/workflows/${id}/versions/1/policy-check`).expect(200);
  for (const policyId of new Set(check.body.violations.map((v: { policyId: string }) => v.policyId))) {
    const reason = 'the test shows the run-time refusal';
    await as('admin').post(`/workflows/${id}/versions/1/policy-waivers`, { policyId, reason }).expect(201);
  }
  const published = await as('analyst').post(`/workflows/${id}/versions/1/publish`);
  expect(published.body.error ?? null).toBeNull();
  return id;
}

/** Starts a live run and waits until it has ended. */
async function run(workflowId: string, event: object) {
  const started = await as('analyst').post(`/workflows/${workflowId}/runs`, { event }).expect(202);
  const runId = String(started.body.runId);
  const ended = await eventually(
    () =>
      db.prisma.run
        .findUnique({ where: { id: runId } })
        .then((r) => (r && ['succeeded', 'failed'].includes(r.status) ? r : undefined)),
    15_000,
  );
  const step = await db.prisma.stepRun.findFirst({ where: { runId, stepId: 'call' }, orderBy: { attempt: 'desc' } });
  return { status: ended.status, step };
}

describe('OpenAPI import, end to end', () => {
  it('when an admin previews the document then the operations, base URL and auth come back, and nothing is stored', async () => {
    const res = await as('admin').post('/connectors/openapi/preview', { document: SENTINEL_YAML }).expect(200);

    expect(res.body.operations.map((o: { key: string }) => o.key)).toContain('POST /hosts/{hostname}/isolate');
    expect(res.body).toMatchObject({
      baseUrl: 'https://{{ tenant }}.sentinel.acme.example/api/v2',
      auth: { chosen: 'ApiKeyAuth' },
    });
    expect(await stored()).toBe(0);
  });

  it.each([
    [
      'a document with an external $ref',
      'body.document',
      { document: SENTINEL_YAML.replace("'#/components/schemas/User'", "'https://10.0.0.1/user.yaml'") },
    ],
    ['an empty document', 'body.document', { document: '' }],
    ['a document over the size limit', 'body.document', { document: 'x'.repeat(OPENAPI_DOCUMENT_MAX + 1) }],
  ])('when the preview is sent %s then the answer is 400 naming %s', async (_what, field, body) => {
    const res = await as('admin').post('/connectors/openapi/preview', body).expect(400);

    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].path).toBe(field);
    expect(mock.calls).toEqual([]);
  });

  it.each([
    [
      'a destructive operation without a target',
      'body.operations.1.target',
      {
        operations: [
          { key: 'GET /status', effect: 'read' },
          { key: 'POST /hosts/{hostname}/isolate', effect: 'destructive' },
        ],
      },
    ],
    [
      'an effect that is not one',
      'body.operations.0.effect',
      { operations: [{ key: 'GET /status', effect: 'harmless' }] },
    ],
    ['no operations', 'body.operations', { operations: [] }],
    ['a connector id that is not a slug', 'body.connector.id', { connector: { id: 'ACME Sentinel' } }],
  ])(
    'when the import names %s then the answer is 400 naming %s and nothing is stored',
    async (_what, field, change) => {
      const res = await as('admin')
        .post('/connectors/openapi/import', { ...importBody, ...change })
        .expect(400);

      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([field]);
      expect(await stored()).toBe(0);
    },
  );

  it('when an analyst tries to import then the answer is 403 and nothing is stored', async () => {
    await as('analyst').post('/connectors/openapi/import', importBody).expect(403);
    expect(await stored()).toBe(0);
  });

  it('when imported, approved by another admin and given a credential then a published workflow calls the vendor live and a protected host is refused', async () => {
    // Import: the destructive isolation makes it wait for another person.
    const imported = await as('admin').post('/connectors/openapi/import', importBody).expect(201);
    expect(imported.body.version).toMatchObject({
      connectorId: 'acme-sentinel',
      version: '1.0.0',
      status: 'pending_review',
      destructiveActions: ['isolate_host'],
      createdById: ids.admin,
    });
    expect(Object.keys(imported.body.definition.actions)).toEqual(['get_status', 'lookup_host', 'isolate_host']);
    expect(imported.body.report.actions[2]).toMatchObject({ actionId: 'isolate_host', effect: 'destructive' });
    const audit = await db.prisma.auditEvent.findMany({ where: { targetType: 'custom_connector' } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['connector.created', expect.any(String)]]);

    // Two-person rule: not the admin who imported it; the second admin installs it.
    const self = await as('admin').post('/connectors/acme-sentinel/versions/1.0.0/approve').expect(403);
    expect(self.body.error.code).toBe('self_approval');
    const approved = await as('admin2').post('/connectors/acme-sentinel/versions/1.0.0/approve').expect(200);
    expect(approved.body).toMatchObject({ status: 'installed', reviewedById: ids.admin2 });

    // A credential for it: the health action reaches the mock with the key.
    await as('admin')
      .post('/credentials', {
        name: 'sentinel',
        connectorId: 'acme-sentinel',
        mode: 'live',
        value: SENTINEL_KEY,
        settings: { tenant: 'acme' },
        baseUrl: `${mock.baseUrl}/api/v2`,
      })
      .expect(201);
    const tested = await as('admin').post('/credentials/sentinel/test').expect(200);
    expect(tested.body).toMatchObject({ ok: true, status: 200 });
    expect(mock.calls.map((c) => [c.method, c.path, c.headers['x-api-key']])).toEqual([
      ['GET', '/api/v2/status', SENTINEL_KEY],
    ]);

    // A published workflow looks a host up live: the output is the mock's answer.
    const lookup = await publish(playbook('Sentinel lookup', 'lookup_host', { hostname: '{{ event.host }}' }, 'read'));
    const looked = await run(lookup, { host: 'web-7' });
    expect(looked.status).toBe('succeeded');
    expect(looked.step?.output).toMatchObject({ hostname: 'web-7', os: 'linux', risk: 91 });
    expect(mock.calls.at(-1)).toMatchObject({ method: 'GET', path: '/api/v2/hosts/web-7' });

    // The imported destructive action obeys the safety lists like any other.
    await as('admin')
      .post('/safety/entries', {
        list: 'protected',
        kind: 'host',
        value: 'dc01',
        criticality: 'critical',
        reason: 'domain controller',
      })
      .expect(201);
    const isolate = await publish(
      playbook(
        'Sentinel isolate',
        'isolate_host',
        { hostname: '{{ event.host }}', reason: 'ransomware' },
        'destructive',
      ),
    );
    const before = mock.calls.length;
    const refused = await run(isolate, { host: 'dc01' });
    expect(refused.status).toBe('failed');
    expect(refused.step?.error).toMatchObject({ kind: 'safety' });
    expect(mock.calls.slice(before).filter((c) => c.path.endsWith('/isolate'))).toEqual([]);
  }, 60_000);
});
