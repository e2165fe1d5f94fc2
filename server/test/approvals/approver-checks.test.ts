import { FORMAT_VERSION } from '@autonomic/workflow';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRoutes } from '../../src/http/routes/reviews';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { withApproverChecks } from '../../src/services/approvals/approver-checks';
import { createConnectorChecks, createWorkflowServices } from '../../src/services/workflows';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let http: ReturnType<typeof supertest>;
let people: Record<'analyst' | 'reviewer' | 'gone', Awaited<ReturnType<typeof createUser>>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  const services = createWorkflowServices(ctx, withApproverChecks(ctx, createConnectorChecks()));
  http = supertest(testApp(ctx, [workflowRoutes(services), reviewRoutes(services)]).app);
  people = {
    analyst: await createUser(db.prisma, 'analyst'),
    reviewer: await createUser(db.prisma, 'reviewer'),
    gone: await createUser(db.prisma, 'reviewer'),
  };
  await db.prisma.user.update({ where: { id: people.gone.id }, data: { disabled: true } });
});
afterAll(() => db.drop());

let n = 0;
/** start → ask (approval: `users`, roles, escalation to `oncall`) → done */
function askDoc(users: string[], escalation: { users?: string[]; roles?: string[] }, roles: string[] = []) {
  return {
    formatVersion: FORMAT_VERSION,
    metadata: { name: `Ask ${++n}` },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['ask'] } },
    steps: {
      ask: {
        type: 'approval',
        params: {
          approvers: { users, roles },
          timeout: '1h',
          escalation: [{ after: '30m', approvers: { users: [], roles: [], ...escalation }, label: 'on-call' }],
        },
        transitions: { approved: ['done'] },
      },
      done: { type: 'end', params: { status: 'succeeded' } },
    },
  };
}

const create = (doc: object) =>
  http.post('/api/workflows').set('Authorization', people.analyst.auth).send({ document: doc });

describe('approvers are checked against the directory', () => {
  it('when an approver is the typo bobb then the save reports "no user named bobb" on its path and a review request is refused', async () => {
    const saved = await create(askDoc([people.reviewer.username, 'bobb'], { roles: ['admin'] }));
    expect(saved.status).toBe(201);
    expect(saved.body.problems).toEqual([
      { nodeId: 'ask', path: 'params.approvers.users.1', message: 'no user named bobb' },
    ]);

    const review = await http
      .post(`/api/workflows/${saved.body.workflow.id}/versions/1/review`)
      .set('Authorization', people.analyst.auth)
      .send({ reviewerIds: [people.reviewer.id] });
    expect(review.status).toBe(400);
    expect(JSON.stringify(review.body.error.details)).toContain('no user named bobb');
  });

  it('when escalation approvers name a disabled user or an unknown role then each is a problem on its own path', async () => {
    const saved = await create(askDoc([people.reviewer.id], { users: [people.gone.username], roles: ['oncall'] }));
    expect(saved.body.problems).toEqual([
      {
        nodeId: 'ask',
        path: 'params.escalation.0.approvers.users.0',
        message: `user ${people.gone.username} is disabled`,
      },
      {
        nodeId: 'ask',
        path: 'params.escalation.0.approvers.roles.0',
        message: 'no role named oncall (roles: analyst, reviewer, manager, admin)',
      },
    ]);
  });

  it('when every approver is a known user (by name or id) or role then there is no problem', async () => {
    const saved = await create(
      askDoc([people.reviewer.username, people.analyst.id], { roles: ['admin'] }, ['reviewer']),
    );
    expect(saved.body.problems).toEqual([]);
  });

  it('when the approvers are the owner of the target asset then that is accepted, and a typo beside it is still reported', async () => {
    const ownerOnly = askDoc([], { roles: ['admin'] });
    ownerOnly.steps.ask.params.approvers = {
      users: [],
      roles: [],
      targetOwner: true,
    } as typeof ownerOnly.steps.ask.params.approvers;
    const saved = await create(ownerOnly);
    expect(saved.status).toBe(201);
    expect(saved.body.problems).toEqual([]);

    const withTypo = askDoc(['bobb'], { roles: ['admin'] });
    withTypo.steps.ask.params.approvers = {
      users: ['bobb'],
      roles: [],
      targetOwner: true,
    } as typeof withTypo.steps.ask.params.approvers;
    expect((await create(withTypo)).body.problems).toEqual([
      { nodeId: 'ask', path: 'params.approvers.users.0', message: 'no user named bobb' },
    ]);
  });
});
