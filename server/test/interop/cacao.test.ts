import { uuidV5 } from '@autonomic/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacaoSchemaErrors } from '../../src/services/interop/cacao-schema';
import type { TestDatabase } from '../db/test-database';
import { example, interopApp, type Http, type People } from './support';

let db: TestDatabase;
let http: Http;
let people: People;

beforeAll(async () => {
  ({ db, http, people } = await interopApp());
});
afterAll(() => db.drop());

type Imported = {
  workflowId: string;
  version: { id: string; number: number };
  created: boolean;
  report: { entries: Array<{ pointer: string; status: string; nodeId?: string }> };
};

async function importAs(who: 'analyst' | 'reviewer', body: Record<string, unknown>) {
  return http.post('/api/workflows/import/cacao').set('Authorization', people[who].auth).send(body);
}

describe('POST /workflows/import/cacao', () => {
  it('when an analyst imports a CACAO playbook then a new workflow has it as draft version 1, the report answers, and the import is audited', async () => {
    const res = await importAs('analyst', { playbook: example('http-playbook.json') });
    expect(res.status).toBe(201);
    const body = res.body as Imported;
    expect(body).toMatchObject({ created: true, version: { number: 1 }, problems: [] });
    expect(body.report.entries).toContainEqual(
      expect.objectContaining({ pointer: '/workflow/action--eb9372d4-d524-49fc-bf24-be26ea084779', nodeId: 'get' }),
    );
    const version = await db.prisma.workflowVersion.findUniqueOrThrow({ where: { id: body.version.id } });
    expect(version.status).toBe('draft');
    const audit = await db.prisma.auditEvent.findFirst({
      where: { action: 'workflow.imported_cacao', targetId: body.version.id },
    });
    expect(audit?.details).toMatchObject({ workflowId: body.workflowId, number: 1 });
  });

  it('when it names an existing workflow then the import is its next draft version', async () => {
    const first = (await importAs('analyst', { playbook: example('http-playbook.json') })).body as Imported;
    const res = await importAs('analyst', { playbook: example('ssh-playbook.json'), workflowId: first.workflowId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ workflowId: first.workflowId, version: { number: 2 }, created: true });
  });

  it.each([
    [
      'missing_step_playbook.json',
      'workflow.action--2190f685-1857-44ac-ad0e-0ded6c6ef3ce: on_completion points at end--6b23c237-ade8-4d00-9aa1-75999738d558, which does not exist',
    ],
    [
      'invalid_playbook.json',
      'agent_definitions.http-api--7e9174ec-a293-43df-a72d-471c79e276bf.type: must be one of "http-api"',
    ],
  ])('when %s is imported then 400 names the element and no workflow is created', async (file, words) => {
    const before = await db.prisma.workflow.count();
    const res = await importAs('analyst', { playbook: example(file) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(words);
    expect(JSON.stringify(res.body)).not.toMatch(/body\.|validation_failed\)/);
    expect(await db.prisma.workflow.count()).toBe(before);
  });

  it('when a playbook-action names one of our workflows (as our export does) then it becomes a sub-workflow step calling it', async () => {
    const callee = (await importAs('analyst', { playbook: example('http-playbook.json') })).body as Imported;
    const caller = example('http-playbook.json');
    const workflow = caller['workflow'] as Record<string, Record<string, unknown>>;
    workflow['playbook-action--5b0d2a5e-5f39-4b53-9d0a-2c1e1f7f0001'] = {
      type: 'playbook-action',
      name: 'Call the other',
      playbook_id: `playbook--${uuidV5(callee.workflowId)}`,
      on_completion: 'end--a6f0b81e-affb-4bca-b4f6-a2d5af908958',
    };
    (workflow['start--9e7d62b2-88ac-4656-94e1-dbd4413ba008'] ?? {})['on_completion'] =
      'playbook-action--5b0d2a5e-5f39-4b53-9d0a-2c1e1f7f0001';
    const res = await importAs('analyst', { playbook: caller });
    expect(res.status).toBe(201);
    const body = res.body as Imported;
    const version = await db.prisma.workflowVersion.findUniqueOrThrow({ where: { id: body.version.id } });
    expect(version.document).toMatchObject({
      steps: { call_the_other: { type: 'subworkflow', params: { workflow: callee.workflowId } } },
    });
    expect(body.report.entries).toContainEqual(
      expect.objectContaining({
        pointer: '/workflow/playbook-action--5b0d2a5e-5f39-4b53-9d0a-2c1e1f7f0001/playbook_id',
        status: 'mapped',
      }),
    );
  });

  it('when a reviewer imports then 403 and nothing is created', async () => {
    const before = await db.prisma.workflow.count();
    expect((await importAs('reviewer', { playbook: example('http-playbook.json') })).status).toBe(403);
    expect(await db.prisma.workflow.count()).toBe(before);
  });
});

describe('GET /workflows/:id/versions/:number/export/cacao', () => {
  it('when a version is exported then it is a JSON attachment that passes the OASIS schemas and imports back unchanged', async () => {
    const first = (await importAs('analyst', { playbook: example('playbook.json') })).body as Imported;
    const res = await http
      .get(`/api/workflows/${first.workflowId}/versions/1/export/cacao`)
      .set('Authorization', people.reviewer.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+-v1\.cacao\.json"$/);
    expect(cacaoSchemaErrors(res.body)).toEqual([]);
    const again = await importAs('analyst', { playbook: res.body, workflowId: first.workflowId });
    // The same content hash: the workflow already has this version, nothing new is saved.
    expect(again.body).toMatchObject({ created: false, version: { number: 1 } });
  });
});
