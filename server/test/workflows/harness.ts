/** Test set-up for the workflow module: app, people, documents in a few lines, a static safety list. */
import { FORMAT_VERSION, gatewayParams } from '@autonomic/workflow';
import { expect } from 'vitest';
import supertest from 'supertest';
import { createSafetyPort, SafetyList } from '../../src/engine';
import { reviewRoutes } from '../../src/http/routes/reviews';
import { simulationRoutes } from '../../src/http/routes/simulations';
import { workflowRoutes } from '../../src/http/routes/workflows';
import type { SafetySource } from '../../src/services/contracts';
import {
  createSimulationService,
  createTestRunner,
  createTestRunService,
  createWorkflowServices,
  simulatedConnectors,
} from '../../src/services/workflows';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

/** The fake safety list: 203.0.113.6 is protected. */
export const PROTECTED_IP = '203.0.113.6';
export const fakeSafety = (): SafetySource => {
  const list = SafetyList.parse({
    protected: [{ kind: 'ip', value: PROTECTED_IP, criticality: 'critical', reason: 'corporate egress' }],
  });
  return { port: () => createSafetyPort(list), list: async () => list };
};

export async function setUp() {
  const db: TestDatabase = await createTestDatabase();
  const ctx = testContext(db.prisma);
  // Not started: a test runs the queued test runs when it chooses (`runner.drain()`), or starts it.
  // Connector steps answer with the shipped connectors' examples (no credential is known).
  const connectors = simulatedConnectors(createConnectorCatalog());
  const runner = createTestRunner(ctx, { safety: fakeSafety(), connectors, pollMs: 50 });
  const services = createWorkflowServices(ctx, undefined, runner.signal);
  const simulations = createSimulationService(ctx, { safety: fakeSafety() });
  const tests = createTestRunService(ctx, runner.signal);
  const { app } = testApp(ctx, [
    workflowRoutes(services),
    reviewRoutes(services),
    simulationRoutes({ simulations, tests }),
  ]);
  const people = {
    analyst: await createUser(db.prisma, 'analyst'),
    other: await createUser(db.prisma, 'analyst'),
    reviewer: await createUser(db.prisma, 'reviewer'),
    reviewer2: await createUser(db.prisma, 'reviewer'),
    manager: await createUser(db.prisma, 'manager'),
    admin: await createUser(db.prisma, 'admin'),
  };
  return { db, ctx, runner, http: supertest(app), people };
}

let counter = 0;
/** A unique workflow name, so that tests sharing a database do not share slugs. */
export const uniqueName = (base: string) => `${base} ${++counter}`;

const tell = (message: string) => ({
  type: 'connector',
  params: gatewayParams('notify', { text: message, to: '#soc', message }, 'notify-slack'),
});

/** start → tell (gateway notify): normal risk. */
export function notifyDoc(name: string, message = 'alert {{ event.id }}') {
  return {
    formatVersion: FORMAT_VERSION,
    metadata: { name, tags: ['test'], severity: 'low' },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['tell'] } },
    steps: { tell: tell(message) },
    tests: [{ name: 'any alert', event: { id: 'A-1' }, expect: { status: 'succeeded', path: ['tell'] } }],
    ui: { positions: { start: { x: 0, y: 0 }, tell: { x: 200, y: 0 } }, notes: [] },
  };
}

/**
 * start → block (gateway block_ip {{ event.ip }}) ─out→ tell, ─error→ refused: a destructive step,
 * so high risk against an empty or notify-only workflow. Cases: "abusive ip" blocks 198.51.100.7
 * (`expectPath` is its expected path); "protected ip" shows the block refused on the protected
 * 203.0.113.6 and the run going on by the error port.
 */
export function blockDoc(name: string, expectPath: string[] = ['block', 'tell']) {
  return {
    formatVersion: FORMAT_VERSION,
    metadata: { name, severity: 'high' },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['block'] } },
    steps: {
      block: {
        type: 'connector',
        params: gatewayParams('block_ip', { ip: '{{ event.ip }}', reason: 'alert', path: '/block' }),
        transitions: { out: ['tell'], error: ['refused'] },
      },
      tell: tell('blocked {{ event.ip }}'),
      refused: tell('not blocked {{ event.ip }}'),
    },
    tests: [
      { name: 'abusive ip', event: { ip: '198.51.100.7' }, expect: { status: 'succeeded', path: expectPath } },
      {
        name: 'protected ip',
        event: { ip: PROTECTED_IP },
        expect: { reached: ['refused'], effects: [{ step: 'block', decision: 'refused' }] },
      },
    ],
  };
}

type Http = ReturnType<typeof supertest>;

/** The version's test run once it has ended (polled, at most `ms`), as GET …/tests answers it. */
export async function finishedTests(http: Http, auth: string, id: string, n: number, ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    const res = await http.get(`/api/workflows/${id}/versions/${n}/tests`).set('Authorization', auth);
    expect(res.status).toBe(200);
    if (!['queued', 'running'].includes(res.body.status)) return res.body;
    if (Date.now() > until) throw new Error(`the test run of version ${n} is still ${res.body.status} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
