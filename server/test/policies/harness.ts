/** Test set-up for safety policies: the workflow, review and policy routes over one test database. */
import supertest from 'supertest';
import { policyRoutes } from '../../src/http/routes/policies';
import { reviewRoutes } from '../../src/http/routes/reviews';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { createPolicyService } from '../../src/services/policies';
import { createTestRunner, createWorkflowServices, simulatedConnectors } from '../../src/services/workflows';
import { createTestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';
import { fakeSafety } from '../workflows/harness';

export async function setUp() {
  const db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  // Not started: a test runs the queued test runs when it chooses (`runner.drain()`).
  const runner = createTestRunner(ctx, {
    safety: fakeSafety(),
    connectors: simulatedConnectors(createConnectorCatalog()),
    pollMs: 50,
  });
  const services = createWorkflowServices(ctx, undefined, runner.signal);
  const { app } = testApp(ctx, [
    workflowRoutes(services),
    reviewRoutes(services),
    policyRoutes({ policies: createPolicyService(ctx) }),
  ]);
  const people = {
    analyst: await createUser(db.prisma, 'analyst'),
    reviewer: await createUser(db.prisma, 'reviewer'),
    reviewer2: await createUser(db.prisma, 'reviewer'),
    admin: await createUser(db.prisma, 'admin'),
  };
  return { db, runner, http: supertest(app), people };
}
