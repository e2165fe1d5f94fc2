/**
 * The whole server on a test database for the replay tests (createServer with the
 * executor, so live runs really run and the replay runner starts with it), ACME Intel
 * (lookup_ip, a read) and ACME EDR (isolate_host, destructive) installed with live
 * credentials whose base URL is a vendor mock on 127.0.0.1 that records every request.
 * The mock answers an IP's risk as its last octet, so an event's risk is known.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import request from 'supertest';
import { expect } from 'vitest';
import { startVendorMock, type MockAnswer, type VendorMock } from '../../connectors/vendor-mock';
import type { Config } from '../../src/config';
import { createServer, type Server } from '../../src/server';
import { TEST_SCRYPT } from '../../src/services/auth';
import { newApiToken, sha256 } from '../../src/services/auth/secrets';
import { insertApiToken } from '../../src/store/api-tokens';
import { edr, intel, INTEL_KEY } from '../connectors/custom-support';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { step, workflow } from '../engine/harness';
import { createUser, testContext } from '../support/app';

export const ROLES = ['admin', 'reviewer', 'analyst', 'manager'] as const;
export type Who = (typeof ROLES)[number];

const EDR_TOKEN = 'edr-token-5d4c3b2a';
const json = (status: number, body: unknown): MockAnswer => ({ status, body });

export async function replayServer(overrides: Partial<Config> = {}) {
  const [db, mock]: [TestDatabase, VendorMock] = await Promise.all([
    createTestDatabase(),
    startVendorMock({
      authFailure: (req) =>
        req.headers['x-api-key'] === INTEL_KEY || req.headers.authorization === `Bearer ${EDR_TOKEN}`
          ? undefined
          : json(401, { error: 'bad key' }),
      rateLimited: (seconds) => ({
        status: 429,
        body: { error: 'slow down' },
        headers: { 'retry-after': `${seconds}` },
      }),
      route(req) {
        if (req.method === 'GET' && req.path === '/v1/status') return json(200, { ok: true });
        const ip = /^\/v1\/ip\/(\d+\.\d+\.\d+\.(\d+))$/.exec(req.path);
        if (req.method === 'GET' && ip) return json(200, { ip: ip[1], risk: Number(ip[2]), api: 'v1' });
        const host = /^\/v1\/hosts\/([^/]+)\/isolate$/.exec(req.path);
        if (req.method === 'POST' && host) return json(200, { id: `iso-${host[1]}` });
        return json(404, { error: 'no such route' });
      },
    }),
  ]);
  const ctx = testContext(db.prisma, {
    SECRET_KEY: randomBytes(32).toString('base64'),
    OUTBOUND_ALLOW: ['127.0.0.1'],
    EXECUTOR: true,
    ...overrides,
  });
  const tokens = {} as Record<Who, string>;
  const users = {} as Record<Who, { id: string }>;
  for (const role of ROLES) {
    users[role] = await createUser(db.prisma, role);
    tokens[role] = newApiToken();
    await insertApiToken(db.prisma, {
      name: 'replay',
      tokenHash: sha256(tokens[role]),
      userId: users[role].id,
      expiresAt: null,
    });
  }
  const server: Server = createServer(ctx, { auth: { scrypt: TEST_SCRYPT }, databaseUrl: db.url });
  const http: HttpServer = server.app.listen(0, '127.0.0.1');
  await server.start();
  const as = (who: Who) => ({ authorization: `Bearer ${tokens[who]}` });
  const api = () => request(http);
  await api().post('/api/connectors').set(as('admin')).send(intel('1.0.0')).expect(201);
  await api().post('/api/connectors').set(as('admin')).send(edr('1.0.0')).expect(201);
  await api().post('/api/connectors/acme-edr/versions/1.0.0/approve').set(as('reviewer')).expect(200);
  for (const [name, connectorId, value] of [
    ['intel', 'acme-intel', INTEL_KEY],
    ['edr', 'acme-edr', EDR_TOKEN],
  ] as const) {
    await api()
      .post('/api/credentials')
      .set(as('admin'))
      .send({ name, connectorId, mode: 'live', value, baseUrl: mock.baseUrl })
      .expect(201);
  }
  const address = http.address();
  const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';

  async function close() {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await server.stop();
    await mock.close();
    await db.drop();
  }

  /** Saves `doc` as a new workflow (version 1) and publishes it (set directly: the review path is tested elsewhere). */
  async function published(doc: object) {
    const res = await api().post('/api/workflows').set(as('analyst')).send({ document: doc }).expect(201);
    const id = res.body.workflow.id as string;
    const versionId = res.body.version.id as string;
    await db.prisma.workflowVersion.update({ where: { id: versionId }, data: { status: 'published' } });
    await db.prisma.workflow.update({ where: { id }, data: { publishedVersionId: versionId } });
    return { id, versionId };
  }

  async function saveVersion(id: string, doc: object): Promise<number> {
    const res = await api()
      .post(`/api/workflows/${id}/versions`)
      .set(as('analyst'))
      .send({ document: doc })
      .expect(201);
    return res.body.version.number as number;
  }

  /** Starts a live run of the published version and waits until it has ended. */
  async function liveRun(id: string, event: object): Promise<string> {
    const res = await api().post(`/api/workflows/${id}/runs`).set(as('analyst')).send({ event }).expect(202);
    const runId = res.body.runId as string;
    await eventually(async () => {
      const r = await db.prisma.run.findUnique({ where: { id: runId }, select: { status: true } });
      return r && ['succeeded', 'failed', 'cancelled'].includes(r.status) ? true : undefined;
    }, 15_000);
    return runId;
  }

  /** The replay once it is no longer queued or running (polled). */
  async function finished(id: string, replayId: string) {
    return eventually(async () => {
      const res = await api().get(`/api/workflows/${id}/replays/${replayId}`).set(as('reviewer'));
      expect(res.status).toBe(200);
      return ['queued', 'running'].includes(res.body.status) ? undefined : res.body;
    }, 80_000); // 50 simulations one after the other: seconds on a quiet machine, much more on a loaded one
  }

  return { db, mock, server, http, url, tokens, users, as, api, close, published, saveVersion, liveRun, finished };
}

export type ReplayServer = Awaited<ReturnType<typeof replayServer>>;

/** Polls until `check` returns a value (or throws after `ms`). */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * start → look (ACME Intel lookup_ip {{ event.ip }}, read) → triage (risk ≥ `threshold`)
 * ─true→ isolate (ACME EDR isolate_host {{ event.host }}, destructive); ─false→ the run ends.
 */
export function triageDoc(name: string, threshold: number) {
  const doc = workflow('look', {
    look: step(
      'connector',
      {
        connector: 'acme-intel',
        version: '1.0.0',
        action: 'lookup_ip',
        credential: 'intel',
        input: { ip: '{{ event.ip }}' },
        effect: 'read',
        target: { param: 'ip', kind: 'ip' },
      },
      { out: 'triage' },
    ),
    triage: step('condition', { predicate: `steps.look.output.risk >= ${threshold}` }, { true: 'isolate' }),
    isolate: step('connector', {
      connector: 'acme-edr',
      version: '1.0.0',
      action: 'isolate_host',
      credential: 'edr',
      input: { host: '{{ event.host }}' },
      effect: 'destructive',
      target: { param: 'host', kind: 'host' },
    }),
  });
  return { ...doc, metadata: { ...doc.metadata, name } };
}

/** The event of alert `n`: IP 198.51.100.n (risk n at the mock), host ws-n, and a secret that must not be kept. */
export const alert = (n: number) => ({ ip: `198.51.100.${n}`, host: `ws-${n}`, auth: { apiKey: `key-${n}` } });
