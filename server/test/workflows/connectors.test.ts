/** Connector steps checked against the installed connectors and the credentials at save, review request and publish. */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { reviewRoutes } from '../../src/http/routes/reviews';
import { simulationRoutes } from '../../src/http/routes/simulations';
import { workflowRoutes } from '../../src/http/routes/workflows';
import {
  createConnectorChecks,
  createSimulationService,
  createTestRunService,
  createWorkflowServices,
  simulatedConnectors,
} from '../../src/services/workflows';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';
import { uniqueName } from './harness';

type Credential = { name: string; connectorId: string; mode: 'live' | 'test' };
/** The credentials the server holds; a test removes one to see publish refused. */
const credentials: Credential[] = [{ name: 'abuse-prod', connectorId: 'abuseipdb', mode: 'live' }];

let db: TestDatabase;
let http: ReturnType<typeof supertest>;
let analyst: { id: string; auth: string };
let reviewer: { id: string; auth: string };
beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  const services = createWorkflowServices(
    ctx,
    createConnectorChecks({ credentials: { index: async () => credentials } }),
  );
  const simulations = createSimulationService(ctx, {
    safety: {
      port: () => ({ check: async () => ({ decision: 'allow' }) }),
      list: async () => ({ protected: [], autoOk: [] }),
    },
    connectors: simulatedConnectors(createConnectorCatalog(), { index: async () => credentials }),
  });
  http = supertest(
    testApp(ctx, [
      workflowRoutes(services),
      reviewRoutes(services),
      simulationRoutes({ simulations, tests: createTestRunService(ctx, { queued: () => {} }) }),
    ]).app,
  );
  analyst = await createUser(db.prisma, 'analyst');
  reviewer = await createUser(db.prisma, 'reviewer');
});
afterAll(() => db.drop());

/** start → check (abuseipdb check_ip {{ event.ip }}): a read, normal risk. */
function checkDoc(name: string, pin: { version?: string; credential?: string } = {}) {
  return {
    formatVersion: 2,
    metadata: { name },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['check'] } },
    steps: {
      check: {
        type: 'connector',
        params: {
          connector: 'abuseipdb',
          version: pin.version ?? '1.0.0',
          action: 'check_ip',
          credential: pin.credential ?? 'abuse-prod',
          input: { ipAddress: '{{ event.ip }}' },
          effect: 'read',
          target: { param: 'ipAddress', kind: 'ip' },
        },
      },
    },
    samples: [{ name: 'ip', event: { ip: '198.51.100.7' }, expect: { status: 'succeeded', path: ['check'] } }],
  };
}

async function create(doc: object) {
  const res = await http.post('/api/workflows').set('Authorization', analyst.auth).send({ document: doc });
  expect(res.status).toBe(201);
  return res.body as { workflow: { id: string }; problems: Array<{ nodeId: string; path: string; message: string }> };
}

const requestReview = (id: string) =>
  http
    .post(`/api/workflows/${id}/versions/1/review`)
    .set('Authorization', analyst.auth)
    .send({ reviewerIds: [reviewer.id] });

describe('connector steps at save, review and publish', () => {
  it('when a step names a credential the server does not hold then saving shows the problem and review is refused', async () => {
    const saved = await create(checkDoc(uniqueName('No credential'), { credential: 'abuse-old' }));

    expect(saved.problems).toEqual([
      {
        nodeId: 'check',
        path: 'params.credential',
        message: 'there is no credential “abuse-old”: pick another, or ask an admin to create it on Credentials',
      },
    ]);
    const res = await requestReview(saved.workflow.id);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      {
        path: 'document.check.params.credential',
        message: 'there is no credential “abuse-old”: pick another, or ask an admin to create it on Credentials',
      },
    ]);
  });

  it('when a step pins a version that is not installed then saving names the installed ones', async () => {
    const saved = await create(checkDoc(uniqueName('Old pin'), { version: '0.9.0' }));

    expect(saved.problems).toEqual([
      {
        nodeId: 'check',
        path: 'params.version',
        message: 'version 0.9.0 of abuseipdb is not installed (installed: 1.0.0)',
      },
    ]);
  });

  it('when the credential is removed after approval then publish is refused until it is back', async () => {
    const saved = await create(checkDoc(uniqueName('Approved then broken')));
    expect(saved.problems).toEqual([]);
    const review = await requestReview(saved.workflow.id);
    expect(review.status).toBe(201);
    const decided = await http
      .post(`/api/reviews/${review.body.review.id}/decisions`)
      .set('Authorization', reviewer.auth)
      .send({ decision: 'approve' });
    expect(decided.status).toBe(201);
    const publish = () =>
      http.post(`/api/workflows/${saved.workflow.id}/versions/1/publish`).set('Authorization', analyst.auth);

    const removed = credentials.splice(0, 1);
    const refused = await publish();
    credentials.push(...removed);

    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('version_invalid');
    expect(refused.body.error.details).toEqual([
      {
        path: 'document.check.params.credential',
        message: 'there is no credential “abuse-prod”: pick another, or ask an admin to create it on Credentials',
      },
    ]);
    expect((await publish()).status).toBe(200);
  });
});

describe('connector steps simulated over HTTP', () => {
  it('when a read names a live credential then the simulation answers with the example and returns a note saying so', async () => {
    const saved = await create(checkDoc(uniqueName('Simulated live read')));

    const res = await http
      .post(`/api/workflows/${saved.workflow.id}/versions/1/simulate`)
      .set('Authorization', analyst.auth)
      .send({ event: { ip: '198.51.100.7' } });

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('succeeded');
    const example = createConnectorCatalog().get('abuseipdb', '1.0.0')?.actions['check_ip']?.example;
    expect(res.body.trace.find((a: { stepId: string }) => a.stepId === 'check')?.output).toEqual(example);
    expect(res.body.notes).toEqual([
      {
        stepKey: 'check',
        message:
          "credential 'abuse-prod' is a live credential: abuseipdb 1.0.0 check_ip answered with its example, nothing was sent",
      },
    ]);
  });
});
