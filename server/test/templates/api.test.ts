/**
 * The template library's API on PostgreSQL (issue 17 §6, "templates create drafts whose
 * tests pass"): the list says which connectors each template needs, installed or not and
 * with a credential or not; an analyst's instantiation creates a workflow whose version 1
 * is a draft of the template, with its settings, audited, and the test runner finds every
 * case of it passing. Reviewers and managers may not instantiate; an unknown template is a
 * 404 in words.
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { templateRoutes } from '../../src/http/routes/templates';
import { simulationRoutes } from '../../src/http/routes/simulations';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { createTemplateService } from '../../src/services/templates/service';
import {
  createTestRunner,
  createTestRunService,
  createSimulationService,
  createWorkflowServices,
  simulatedConnectors,
} from '../../src/services/workflows';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';
import { fakeSafety, finishedTests } from '../workflows/harness';

let db: TestDatabase;
let http: ReturnType<typeof supertest>;
let runner: ReturnType<typeof createTestRunner>;
let people: Record<'analyst' | 'reviewer' | 'manager' | 'admin', { id: string; auth: string }>;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  const catalog = createConnectorCatalog();
  runner = createTestRunner(ctx, { safety: fakeSafety(), connectors: simulatedConnectors(catalog), pollMs: 50 });
  const wf = createWorkflowServices(ctx, undefined, runner.signal);
  // Only Slack has a credential here: the list must say so connector by connector.
  const credentials = { index: async () => [{ name: 'slack-demo', connectorId: 'slack', mode: 'test' as const }] };
  const templates = createTemplateService(ctx, { workflows: wf.workflows, catalog, credentials });
  const { app } = testApp(ctx, [
    templateRoutes({ templates }),
    workflowRoutes(wf),
    simulationRoutes({
      simulations: createSimulationService(ctx, { safety: fakeSafety() }),
      tests: createTestRunService(ctx, runner.signal),
    }),
  ]);
  http = supertest(app);
  people = {
    analyst: await createUser(db.prisma, 'analyst'),
    reviewer: await createUser(db.prisma, 'reviewer'),
    manager: await createUser(db.prisma, 'manager'),
    admin: await createUser(db.prisma, 'admin'),
  };
});
afterAll(async () => {
  await runner.stop();
  await db.drop();
});

const instantiate = (id: string, who: keyof typeof people, body: object = {}) =>
  http.post(`/api/templates/${id}/instantiate`).set('Authorization', people[who].auth).send(body);

describe('GET /templates', () => {
  it('when a manager lists them then each of the ten templates says which connectors it needs, installed and with a credential or not', async () => {
    const res = await http.get('/api/templates').set('Authorization', people.manager.auth);

    expect(res.status).toBe(200);
    expect(res.body.templates.length).toBeGreaterThanOrEqual(10);
    const ransomware = res.body.templates.find((t: { id: string }) => t.id === 'ransomware-host-isolation');
    expect(ransomware).toMatchObject({
      title: 'Ransomware host isolation',
      category: 'containment',
      destructiveSteps: 1,
    });
    expect(ransomware.connectors).toEqual([
      expect.objectContaining({ id: 'microsoft-defender-endpoint', installed: true, credential: false }),
      expect.objectContaining({ id: 'servicenow', installed: true, credential: false }),
      expect.objectContaining({ id: 'slack', title: 'Slack', installed: true, credential: true }),
    ]);
  });

  it('when nobody is signed in then 401', async () => {
    expect((await http.get('/api/templates')).status).toBe(401);
  });
});

describe('POST /templates/:id/instantiate', () => {
  it("when an analyst uses a template then a new workflow's version 1 is a draft of it, audited, and its test cases all pass", async () => {
    const res = await instantiate('ransomware-host-isolation', 'analyst');

    expect(res.status).toBe(201);
    expect(res.body.version.number).toBe(1);
    const version = await db.prisma.workflowVersion.findUniqueOrThrow({ where: { id: res.body.version.id } });
    expect(version.status).toBe('draft');
    expect(version.authorId).toBe(people.analyst.id);
    const audit = await db.prisma.auditEvent.findFirst({
      where: { action: 'workflow.created_from_template', targetId: res.body.workflowId },
    });
    expect(audit?.details).toMatchObject({ template: 'ransomware-host-isolation', versionId: res.body.version.id });

    await runner.drain();
    const run = await finishedTests(http, people.analyst.auth, res.body.workflowId, 1);
    expect(run.status).toBe('passed');
    expect(run.cases.length).toBeGreaterThanOrEqual(5);
    expect(run.cases.filter((c: { passed: boolean }) => !c.passed)).toEqual([]);
  });

  it("when a template carries settings then the new workflow gets them (the leaver loop's destructive limit), under the name asked for", async () => {
    const res = await instantiate('leaver-offboarding', 'admin', { name: 'Offboarding for ACME' });

    expect(res.status).toBe(201);
    const workflow = await db.prisma.workflow.findUniqueOrThrow({ where: { id: res.body.workflowId } });
    expect(workflow).toMatchObject({ name: 'Offboarding for ACME', maxDestructivePerRun: 6 });
    await runner.drain();
    expect((await finishedTests(http, people.admin.auth, res.body.workflowId, 1)).status).toBe('passed');
  });

  it('when every template of the library is used then each draft passes all its test cases in the test runner', async () => {
    const listed = await http.get('/api/templates').set('Authorization', people.analyst.auth);
    const ids: string[] = listed.body.templates.map((t: { id: string }) => t.id);
    const made = [];
    for (const id of ids) {
      const res = await instantiate(id, 'analyst');
      expect(res.status).toBe(201);
      made.push({ id, workflowId: res.body.workflowId as string });
    }

    await runner.drain();
    const verdicts = [];
    for (const m of made) {
      const run = await finishedTests(http, people.analyst.auth, m.workflowId, 1);
      verdicts.push([m.id, run.status, run.cases.filter((c: { passed: boolean }) => !c.passed).length]);
    }
    expect(verdicts).toEqual(ids.map((id) => [id, 'passed', 0]));
  });

  it.each(['reviewer', 'manager'] as const)('when a %s tries then 403 and no workflow is created', async (who) => {
    const before = await db.prisma.workflow.count();

    expect((await instantiate('phishing-triage', who)).status).toBe(403);
    expect(await db.prisma.workflow.count()).toBe(before);
  });

  it('when the template does not exist then 404 says which one, in words', async () => {
    const res = await instantiate('no-such-playbook', 'analyst');

    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('the template "no-such-playbook" not found');
  });

  it('when the name is blank then 400 says so in words', async () => {
    const res = await instantiate('phishing-triage', 'analyst', { name: '   ' });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('the name cannot be blank');
  });
});
