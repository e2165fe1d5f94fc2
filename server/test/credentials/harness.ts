/**
 * The credentials module on its own test database: the real service (real cipher, the
 * connector client over real HTTP with 127.0.0.1 allowed, where the vendor mocks listen),
 * its routes in the Express app, one user per role, and every log line kept so a test can
 * prove no value was ever logged.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import request from 'supertest';
import type { Role } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { connectorById } from '../../src/connectors/registry';
import { credentialRoutes } from '../../src/http/routes/credentials';
import { createCredentialsService, type CredentialsService } from '../../src/services/credentials';
import { createCipher } from '../../src/services/secrets';
import { testClient, type TestClient } from '../connectors/support';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

export interface CredentialsHarness {
  db: TestDatabase;
  service: CredentialsService;
  app: ReturnType<typeof testApp>['app'];
  /** The `Authorization` header of a user of each role. */
  auth: Record<Role, string>;
  logLines: string[];
  client: TestClient;
  /** Everything the database holds about credentials and their audit, as text. */
  dump(): Promise<string>;
  close(): Promise<void>;
}

/** @param extra definitions the lookup knows besides the built-in ones (a test's own connector) */
export async function credentialsHarness(extra: ConnectorDefinition[] = []): Promise<CredentialsHarness> {
  const db = await createTestDatabase();
  const logLines: string[] = [];
  const log = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  const ctx = { ...testContext(db.prisma), log };
  const client = testClient();
  const connector = (id: string) => extra.find((d) => d.id === id) ?? connectorById(id);
  const service = createCredentialsService(ctx, {
    cipher: createCipher(randomBytes(32)),
    client: client.client,
    connector,
  });
  const { app } = testApp(ctx, [credentialRoutes({ credentials: service })]);
  const auth = {} as Record<Role, string>;
  for (const role of ['analyst', 'reviewer', 'manager', 'admin'] as const)
    auth[role] = (await createUser(db.prisma, role)).auth;
  return {
    db,
    service,
    app,
    auth,
    logLines,
    client,
    async dump() {
      const rows = await db.prisma.connectorCredential.findMany();
      const audit = await db.prisma.auditEvent.findMany();
      // The sealed columns as text too, so that a value stored in clear would show up.
      const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
      const sealed = rows.map((r) => [latin1(r.ciphertext), latin1(r.iv), latin1(r.tag)]);
      return JSON.stringify([rows.map(({ ciphertext: _c, iv: _i, tag: _t, ...r }) => r), sealed, audit]);
    },
    async close() {
      await client.http.close();
      await db.drop();
    },
  };
}

/** A request as `role`. */
export function as(h: CredentialsHarness, role: Role) {
  const api = request(h.app);
  const auth = h.auth[role];
  return {
    get: (path: string) => api.get(`/api${path}`).set('authorization', auth),
    post: (path: string, body?: object) => api.post(`/api${path}`).set('authorization', auth).send(body),
    patch: (path: string, body: object) => api.patch(`/api${path}`).set('authorization', auth).send(body),
    delete: (path: string) => api.delete(`/api${path}`).set('authorization', auth),
  };
}
