/** Test set-up for the workflow module: app, people, documents in a few lines, a static safety list. */
import { FORMAT_VERSION, gatewayParams } from '@autonomic/workflow';
import supertest from 'supertest';
import { createSafetyPort, SafetyList } from '../../src/engine';
import { reviewRoutes } from '../../src/http/routes/reviews';
import { simulationRoutes } from '../../src/http/routes/simulations';
import { workflowRoutes } from '../../src/http/routes/workflows';
import type { SafetySource } from '../../src/services/contracts';
import { createSimulationService, createWorkflowServices } from '../../src/services/workflows';
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
  const services = createWorkflowServices(ctx);
  const simulations = createSimulationService(ctx, { safety: fakeSafety() });
  const { app } = testApp(ctx, [workflowRoutes(services), reviewRoutes(services), simulationRoutes({ simulations })]);
  const people = {
    analyst: await createUser(db.prisma, 'analyst'),
    other: await createUser(db.prisma, 'analyst'),
    reviewer: await createUser(db.prisma, 'reviewer'),
    reviewer2: await createUser(db.prisma, 'reviewer'),
    manager: await createUser(db.prisma, 'manager'),
    admin: await createUser(db.prisma, 'admin'),
  };
  return { db, ctx, http: supertest(app), people };
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
    samples: [{ name: 'any alert', event: { id: 'A-1' }, expect: { status: 'succeeded', path: ['tell'] } }],
    ui: { positions: { start: { x: 0, y: 0 }, tell: { x: 200, y: 0 } }, notes: [] },
  };
}

/**
 * start → block (gateway block_ip {{ event.ip }}) ─out→ tell, ─error→ refused: a destructive step,
 * so high risk against an empty or notify-only workflow. `expectPath` is the sample's expectation.
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
    samples: [{ name: 'abusive ip', event: { ip: '198.51.100.7' }, expect: { status: 'succeeded', path: expectPath } }],
  };
}
