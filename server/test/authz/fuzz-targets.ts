/**
 * The rows the route fuzz aims at (fuzz-routes.test.ts), created through the API: a
 * workflow with two versions (the first reviewed, approved and published, with a webhook
 * secret), a comment, a live run, a simulation, a safety entry, a connector secret, a
 * connector credential, two custom connector versions awaiting review, an SLO, a user, an API token and an open approval task; and, per
 * route, the pools of their ids and names.
 */
import request from 'supertest';
import type { Role } from '@autonomic/api';
import type { RegisteredRoute } from '../../src/http/route';
import type { Pools } from './fuzz-arbitraries';
import { PASSWORD, type AuthzServer } from './harness';
import { createRunStarter } from '../../src/services/runs';
import type { TestDatabase } from '../db/test-database';
import { eventually, publishedWorkflow, RecordingEffects, step, testExecutor, workflow } from '../runs/support';
import { testContext } from '../support/app';
import { edr } from '../connectors/custom-support';

/** The seeded connector credentials' names: one for every credential route, one for DELETE. */
const CREDENTIAL = 'fuzz-cred';
const DOOMED_CREDENTIAL = 'fuzz-cred-doomed';
/** The seeded custom connectors (1.0.0, awaiting review): one for approve and reject, one for DELETE. */
const CUSTOM_CONNECTOR = 'fuzz-edr';
const DOOMED_CUSTOM_CONNECTOR = 'fuzz-edr-doomed';

/** start (webhook) → shape (transform) → done (end); with a stored sample (format 2: it migrates to a test case). */
const document = (team: string) => ({
  formatVersion: 2,
  metadata: { name: 'Fuzz target', tags: ['fuzz'] },
  trigger: {
    id: 'start',
    type: 'trigger.webhook',
    params: {},
    inputSchema: { type: 'object', properties: { ip: { type: 'string', pattern: '^[0-9.]+$' } } },
    transitions: { out: ['shape'] },
  },
  steps: {
    shape: {
      type: 'transform',
      params: { expression: '{ "ip": event.ip, "team": vars.team }' },
      transitions: { out: ['done'] },
    },
    done: { type: 'end', params: { output: 'steps.shape.output' } },
  },
  vars: { team },
  samples: [{ name: 'one', event: { ip: '198.51.100.7' }, expect: { status: 'succeeded' } }],
});

export interface Targets {
  /** The pools of real values for a route: the ids of the rows seeded for it. */
  poolsFor(route: RegisteredRoute): Pools;
  /** The seeded workflow (published, with a webhook trigger) and its webhook secret. */
  webhook: { workflowId: string; secret: string };
}

/**
 * An approval task waiting for the reviewer: a run of start → ask (approval), driven by an
 * executor of its own (the authz server's does not run) that stops once the task is open.
 */
async function openApprovalTask(db: TestDatabase, t: AuthzServer) {
  const ask = step('approval', { approvers: { users: [t.users.reviewer.username] }, message: 'Go?', timeout: '1h' });
  const wf = await publishedWorkflow(db.prisma, workflow('ask', { ask }), { ownerId: t.users.analyst.id });
  const ctx = testContext(db.prisma);
  const executor = testExecutor(ctx, db.url, new RecordingEffects());
  await executor.start();
  try {
    const { runId } = await createRunStarter(ctx, executor).startLive({
      workflowId: wf.workflowId,
      event: {},
      trigger: 'manual',
    });
    return await eventually(
      () => db.prisma.approvalTask.findFirst({ where: { runId } }).then((x) => x ?? undefined),
      30_000,
    );
  } finally {
    await executor.stop();
  }
}

/** Creates one of everything through the API, as the harness's users; the pools name them. */
export async function seedTargets(db: TestDatabase, t: AuthzServer): Promise<Targets> {
  const as = (role: Role) => t.headers(role);
  const ok = async (res: Promise<request.Response>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`seeding: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const api = request(t.http);
  const created = await ok(
    api
      .post('/api/workflows')
      .set(as('analyst'))
      .send({ document: document('soc') }),
  );
  const wf = created.workflow as { id: string; slug: string };
  await ok(
    api
      .post(`/api/workflows/${wf.id}/versions`)
      .set(as('analyst'))
      .send({ document: document('ir') }),
  );
  const review = await ok(
    api
      .post(`/api/workflows/${wf.id}/versions/1/review`)
      .set(as('analyst'))
      .send({ reviewerIds: [t.users.reviewer.id] }),
  );
  const comment = await ok(
    api
      .post(`/api/workflows/${wf.id}/versions/1/comments`)
      .set(as('reviewer'))
      .send({ body: 'looks fine', nodeId: 'shape' }),
  );
  await ok(api.post(`/api/reviews/${review.review.id}/decisions`).set(as('reviewer')).send({ decision: 'approve' }));
  await ok(api.post(`/api/workflows/${wf.id}/versions/1/publish`).set(as('analyst')), 200);
  const run = await ok(
    api
      .post(`/api/workflows/${wf.id}/runs`)
      .set(as('analyst'))
      .send({ event: { ip: '192.0.2.1' } }),
    202,
  );
  const sim = await ok(
    api.post(`/api/workflows/${wf.id}/versions/1/simulate`).set(as('analyst')).send({ case: 'one' }),
    200,
  );
  const issued = await ok(api.post(`/api/workflows/${wf.id}/webhook-secret`).set(as('analyst')));
  const entry = await ok(
    api
      .post('/api/safety/entries')
      .set(as('admin'))
      .send({ list: 'protected', kind: 'ip', value: '10.1.2.3', reason: 'dc' }),
  );
  await ok(api.put('/api/secrets/fuzz.secret').set(as('admin')).send({ value: 'hunter2-hunter2' }), 200);
  // Connector credentials, so that the test, rotate, update and delete routes find a row. Their
  // base URL is a closed local port (the outbound guard refuses it anyway): a fuzzed test or
  // rotation fails its connection test without leaving the machine. DELETE gets one of its own:
  // it runs before test and rotate, which would otherwise find the row gone.
  for (const name of [CREDENTIAL, DOOMED_CREDENTIAL]) {
    const body = { name, connectorId: 'abuseipdb', mode: 'test', value: 'fuzz-key-0123456789' };
    await ok(
      api
        .post('/api/credentials')
        .set(as('admin'))
        .send({ ...body, baseUrl: 'http://127.0.0.1:9' }),
    );
  }
  // Custom connector versions awaiting review (a destructive action), so that approve, reject
  // and delete find a row; DELETE gets one of its own, as for credentials.
  for (const id of [CUSTOM_CONNECTOR, DOOMED_CUSTOM_CONNECTOR]) {
    await ok(
      api
        .post('/api/connectors')
        .set(as('admin'))
        .send({ ...edr(), id }),
    );
  }
  await ok(
    api
      .put(`/api/dashboard/slos/${wf.id}`)
      .set(as('admin'))
      .send({ objectivePercent: 99, latencySeconds: 60, windowDays: 7 }),
    200,
  );
  const victim = await ok(
    api
      .post('/api/users')
      .set(as('admin'))
      .send({ username: 'victim', displayName: 'Victim', role: 'analyst', password: PASSWORD }),
  );
  // Tokens are made from a signed-in session.
  const session = await t.login('admin');
  const token = await ok(
    api.post('/api/tokens').set('Cookie', session.cookie).set('x-csrf-token', session.csrf).send({ name: 'spare' }),
  );
  const task = await openApprovalTask(db, t);
  const ids = [wf.id, run.runId, sim.runId, entry.id, victim.id, token.id, review.review.id, comment.id, task.id];
  /** `:id` means another row in each area. */
  const idsByArea: Record<string, unknown[]> = {
    workflows: [wf.id, wf.slug],
    runs: [run.runId, sim.runId],
    users: [victim.id],
    tokens: [token.id],
    safety: [entry.id],
  };
  const credentialNames = (route: RegisteredRoute) => [
    route.method === 'delete' ? DOOMED_CREDENTIAL : CREDENTIAL,
    'fuzz-gone',
  ];
  const poolsFor = (route: RegisteredRoute): Pools => {
    const area = route.path.split('/')[1] ?? '';
    const connectors = [route.method === 'delete' ? DOOMED_CUSTOM_CONNECTOR : CUSTOM_CONNECTOR, 'abuseipdb'];
    const diff = route.path.endsWith('/diff');
    return {
      uuids: [...ids, '00000000-0000-0000-0000-000000000000'],
      byName: {
        id: area === 'connectors' ? connectors : (idsByArea[area] ?? ids),
        workflowId: [wf.id],
        reviewId: [review.review.id],
        commentId: [comment.id],
        parentId: [comment.id],
        taskId: [task.id, task.taskId],
        number: [1, 2],
        toNumber: [1, 2],
        ...(diff ? { from: ['published', 1], to: [1, 2] } : {}),
        name: area === 'credentials' ? credentialNames(route) : ['fuzz.secret', 'notify.slack'],
        version: ['1.0.0', '9.9.9'],
        nodeId: ['shape', 'done'],
        case: ['one'],
        username: ['victim', t.users.analyst.username],
        password: [PASSWORD],
        reviewerIds: [[t.users.reviewer.id]],
      },
    };
  };
  return { poolsFor, webhook: { workflowId: wf.id, secret: String(issued.secret) } };
}
