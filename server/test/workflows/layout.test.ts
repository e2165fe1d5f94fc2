import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutRoutes } from '../../src/http/routes/layout';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { createWorkflowServices } from '../../src/services/workflows';
import { createLayoutService } from '../../src/services/workflows/layout';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';
import { notifyDoc, uniqueName } from './harness';

let db: TestDatabase;
let http: ReturnType<typeof supertest>;
let people: Record<'owner' | 'other' | 'admin' | 'reviewer', { id: string; auth: string }>;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  const { app } = testApp(ctx, [
    workflowRoutes(createWorkflowServices(ctx)),
    layoutRoutes({ layout: createLayoutService(ctx) }),
  ]);
  http = supertest(app);
  people = {
    owner: await createUser(db.prisma, 'analyst'),
    other: await createUser(db.prisma, 'analyst'),
    admin: await createUser(db.prisma, 'admin'),
    reviewer: await createUser(db.prisma, 'reviewer'),
  };
});
afterAll(() => db.drop());

const moved = {
  positions: { start: { x: 10, y: 20 }, tell: { x: 400, y: 20 } },
  notes: [{ id: 'n1', x: 0, y: 90, text: 'why' }],
};

async function create() {
  const doc = notifyDoc(uniqueName('Layout'));
  const res = await http.post('/api/workflows').set('Authorization', people.owner.auth).send({ document: doc });
  expect(res.status).toBe(201);
  return { id: (res.body as { workflow: { id: string } }).workflow.id, doc };
}

describe('workflow layout', () => {
  it('when the owner stores a layout then the latest version opens with it, and no version is added', async () => {
    const { id } = await create();
    const put = await http
      .put(`/api/workflows/${id}/layout`)
      .set('Authorization', people.owner.auth)
      .send({ ui: moved });
    expect(put.status).toBe(200);
    const got = await http.get(`/api/workflows/${id}/layout`).set('Authorization', people.reviewer.auth);
    expect(got.body).toEqual({ version: 1, ui: moved });
    expect(await db.prisma.workflowVersion.count({ where: { workflowId: id } })).toBe(1);
  });

  it('when a new version is saved after the layout then the stored layout no longer applies', async () => {
    const { id, doc } = await create();
    await http.put(`/api/workflows/${id}/layout`).set('Authorization', people.owner.auth).send({ ui: moved });
    const tell = doc.steps.tell;
    const input = { ...(tell.params['input'] as object), to: '#ir' };
    const changed = { ...doc, steps: { tell: { ...tell, params: { ...tell.params, input } } } };
    const v2 = await http
      .post(`/api/workflows/${id}/versions`)
      .set('Authorization', people.owner.auth)
      .send({ document: changed });
    expect(v2.status).toBe(201);
    const got = await http.get(`/api/workflows/${id}/layout`).set('Authorization', people.owner.auth);
    expect(got.body).toEqual({ version: 2, ui: null });
  });

  it('when another analyst stores a layout then it is refused (403); an admin may', async () => {
    const { id } = await create();
    const other = await http
      .put(`/api/workflows/${id}/layout`)
      .set('Authorization', people.other.auth)
      .send({ ui: moved });
    expect(other.status).toBe(403);
    const admin = await http
      .put(`/api/workflows/${id}/layout`)
      .set('Authorization', people.admin.auth)
      .send({ ui: moved });
    expect(admin.status).toBe(200);
  });

  it.each([
    ['a position without y', { ui: { positions: { a: { x: 1 } }, notes: [] } }, 'body.ui.positions.a.y'],
    ['an unknown field', { ui: { positions: {}, notes: [], zoom: 2 } }, 'body.ui'],
    ['no ui', {}, 'body.ui'],
  ])('when the body has %s then it is a 400 naming the field', async (_name, body, path) => {
    const { id } = await create();
    const res = await http.put(`/api/workflows/${id}/layout`).set('Authorization', people.owner.auth).send(body);
    expect(res.status).toBe(400);
    const details = (res.body as { error: { details: { path: string }[] } }).error.details;
    expect(details.map((d) => d.path)).toContain(path);
  });
});
