/**
 * The credential probes on their own test database, on a virtual clock: the real
 * credentials service (real cipher, the connector client over real HTTP to 127.0.0.1 where
 * the AbuseIPDB mock listens), the probe service, and the routes that show probes
 * (credentials, workflows with review and publish, connector health), one user per role.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { abuseipdb } from '../../connectors/abuseipdb/definition';
import { startAbuseIpdbMock } from '../../connectors/abuseipdb/mock';
import type { VendorMock } from '../../connectors/vendor-mock';
import { connectorById } from '../../src/connectors/registry';
import type { Clock } from '../../src/engine';
import { connectorHealthRoutes } from '../../src/http/routes/connector-health';
import { credentialRoutes } from '../../src/http/routes/credentials';
import { reviewRoutes } from '../../src/http/routes/reviews';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { createCredentialsService, type CredentialsService } from '../../src/services/credentials';
import { createProbeScheduler, type ProbeScheduler } from '../../src/services/credentials/probe-scheduler';
import { createProbeService, type ProbeService } from '../../src/services/credentials/probes';
import { createCipher } from '../../src/services/secrets';
import { createConnectorChecks, createWorkflowServices } from '../../src/services/workflows';
import { testClient, type TestClient } from '../connectors/support';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

/** AbuseIPDB again under another id, probed every 5 minutes instead of the default 15. */
export const abuseFast: ConnectorDefinition = {
  ...abuseipdb,
  id: 'abuseipdb-fast',
  name: 'AbuseIPDB (fast probes)',
  healthAction: { action: 'check_ip', params: { ipAddress: '8.8.8.8' }, every: '5m' },
};

export const T0 = Date.parse('2026-12-06T08:00:00.000Z');

export interface VirtualClock extends Clock {
  at: number;
  /** Moves the clock forward. */
  advance(ms: number): void;
}

function virtualClock(): VirtualClock {
  const clock: VirtualClock = {
    at: T0,
    now: () => clock.at,
    sleep: async () => undefined,
    advance: (ms) => void (clock.at += ms),
  };
  return clock;
}

export interface ProbeHarness {
  db: TestDatabase;
  clock: VirtualClock;
  mock: VendorMock;
  credentials: CredentialsService;
  probes: ProbeService;
  /** A second server process on the same database (its own probe service and scheduler). */
  scheduler: ProbeScheduler;
  other: ProbeScheduler;
  app: ReturnType<typeof testApp>['app'];
  users: Record<Role, { id: string; auth: string }>;
  close(): Promise<void>;
}

export async function probeHarness(): Promise<ProbeHarness> {
  const [db, mock] = await Promise.all([createTestDatabase(), startAbuseIpdbMock()]);
  const clock = virtualClock();
  const ctx = { ...testContext(db.prisma), clock };
  const clients: TestClient[] = [testClient(), testClient()];
  const connector = (id: string) => (id === abuseFast.id ? abuseFast : connectorById(id));
  const credentials = createCredentialsService(ctx, {
    cipher: createCipher(randomBytes(32)),
    client: clients[0]!.client,
    connector,
  });
  const probesOf = (c: TestClient) => createProbeService(ctx, { credentials, client: c.client, connector });
  const probes = probesOf(clients[0]!);
  const services = createWorkflowServices(ctx, createConnectorChecks({ credentials }));
  const { app } = testApp(ctx, [
    connectorHealthRoutes({ probes }),
    credentialRoutes({ credentials, probes }),
    workflowRoutes({ ...services, probes }),
    reviewRoutes(services),
  ]);
  const users = {} as ProbeHarness['users'];
  for (const role of ['analyst', 'reviewer', 'manager', 'admin'] as const)
    users[role] = await createUser(db.prisma, role);
  return {
    db,
    clock,
    mock,
    credentials,
    probes,
    scheduler: createProbeScheduler(ctx, probes),
    other: createProbeScheduler(ctx, probesOf(clients[1]!)),
    app,
    users,
    async close() {
      await Promise.all(clients.map((c) => c.http.close()));
      await mock.close();
      await db.drop();
    },
  };
}

/** Requests as a user of `role`. */
export function as(h: ProbeHarness, role: Role) {
  const api = request(h.app);
  const auth = h.users[role].auth;
  return {
    get: (path: string) => api.get(`/api${path}`).set('authorization', auth),
    post: (path: string, body?: object) => api.post(`/api${path}`).set('authorization', auth).send(body),
    patch: (path: string, body: object) => api.patch(`/api${path}`).set('authorization', auth).send(body),
  };
}

/** start → check (AbuseIPDB check_ip with `credential`): what a playbook using the credential looks like. */
export function checkDoc(name: string, credential: string) {
  return {
    formatVersion: 2,
    metadata: { name },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['check'] } },
    steps: {
      check: {
        type: 'connector',
        params: {
          connector: 'abuseipdb',
          version: '1.0.0',
          action: 'check_ip',
          credential,
          input: { ipAddress: '{{ event.ip }}' },
          effect: 'read',
          target: { param: 'ipAddress', kind: 'ip' },
        },
      },
    },
    samples: [{ name: 'ip', event: { ip: '198.51.100.7' }, expect: { status: 'succeeded', path: ['check'] } }],
  };
}

/** Creates a workflow using `credential` and has it approved (by the reviewer); returns its id. */
export async function approvedWorkflow(h: ProbeHarness, name: string, credential: string): Promise<string> {
  const created = await as(h, 'analyst')
    .post('/workflows', { document: checkDoc(name, credential) })
    .expect(201);
  const id: string = created.body.workflow.id;
  const review = await as(h, 'analyst')
    .post(`/workflows/${id}/versions/1/review`, { reviewerIds: [h.users.reviewer.id] })
    .expect(201);
  await as(h, 'reviewer').post(`/reviews/${review.body.review.id}/decisions`, { decision: 'approve' }).expect(201);
  return id;
}
