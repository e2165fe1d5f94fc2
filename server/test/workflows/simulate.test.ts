import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockDoc, PROTECTED_IP, setUp, uniqueName } from './harness';

let t: Awaited<ReturnType<typeof setUp>>;
let workflowId: string;
beforeAll(async () => {
  t = await setUp();
  const res = await t.http
    .post('/api/workflows')
    .set('Authorization', t.people.analyst.auth)
    .send({ document: blockDoc(uniqueName('Simulated')) });
  workflowId = res.body.workflow.id;
});
afterAll(() => t.db.drop());

const simulate = (body: object, auth = t.people.reviewer.auth) =>
  t.http.post(`/api/workflows/${workflowId}/versions/1/simulate`).set('Authorization', auth).send(body);

describe('simulation of a version', () => {
  it('when a destructive block targets a protected IP then the effects report refuses it and the run and its steps are stored', async () => {
    const res = await simulate({ event: { ip: PROTECTED_IP } });

    expect(res.status).toBe(200);
    expect(res.body.path).toEqual(['block', 'refused']);
    expect(res.body.effects).toContainEqual(
      expect.objectContaining({
        stepId: 'block',
        effect: 'destructive',
        decision: 'refused',
        reason: expect.stringContaining('corporate egress'),
      }),
    );
    const run = await t.db.prisma.run.findUniqueOrThrow({ where: { id: res.body.runId }, include: { steps: true } });
    expect(run).toMatchObject({ mode: 'simulation', status: res.body.status, createdById: t.people.reviewer.id });
    expect(run.input).toMatchObject({ event: { ip: PROTECTED_IP } });
    expect(run.steps.map((s) => s.stepId).sort()).toEqual(['block', 'refused']);
    expect(run.steps.find((s) => s.stepId === 'block')?.effectClass).toBe('destructive');
    expect(run.finishedAt).not.toBeNull();
  });

  it('when a stored case is simulated by name then its event and fixtures are used and its assertions are checked', async () => {
    const res = await simulate({ case: 'abusive ip' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      path: ['block', 'tell'],
      check: { case: 'abusive ip', passed: true, failures: [] },
    });
    const run = await t.db.prisma.run.findUniqueOrThrow({ where: { id: res.body.runId } });
    expect(run.input).toMatchObject({ case: 'abusive ip', event: { ip: '198.51.100.7' } });
    expect(run.state).toMatchObject({ check: { case: 'abusive ip', passed: true } });
  });

  it('when a stored case whose assertion fails is simulated by name then its check names the failed assertion', async () => {
    const created = await t.http
      .post('/api/workflows')
      .set('Authorization', t.people.analyst.auth)
      .send({ document: blockDoc(uniqueName('Wrong path'), ['block', 'refused']) });

    const res = await t.http
      .post(`/api/workflows/${created.body.workflow.id}/versions/1/simulate`)
      .set('Authorization', t.people.reviewer.auth)
      .send({ case: 'abusive ip' });

    expect(res.status).toBe(200);
    expect(res.body.check).toMatchObject({ case: 'abusive ip', passed: false });
    expect(res.body.check.failures).toHaveLength(1);
    expect(res.body.check.failures[0]).toMatch(/^path/);
  });

  it('when a case is simulated with its event replaced then the run uses that event and nothing is checked', async () => {
    const res = await simulate({ case: 'abusive ip', event: { ip: PROTECTED_IP } });

    expect(res.status).toBe(200);
    expect(res.body.path).toEqual(['block', 'refused']);
    expect(res.body.check).toBeUndefined();
    const run = await t.db.prisma.run.findUniqueOrThrow({ where: { id: res.body.runId } });
    expect(run.input).toMatchObject({ case: 'abusive ip', event: { ip: PROTECTED_IP } });
  });

  it('when ad-hoc fixtures in the step id → output form are given then the step answers with that output', async () => {
    const res = await simulate({ event: { ip: '198.51.100.7' }, fixtures: { block: { blocked: 'yes' } } });

    expect(res.status).toBe(200);
    const block = res.body.trace.find((a: { stepId: string }) => a.stepId === 'block');
    expect(block).toMatchObject({ output: { blocked: 'yes' }, source: 'fixture' });
  });

  it('when the body is bad then 400 names the field and no run is stored', async () => {
    const before = await t.db.prisma.run.count();
    const cases: Array<[object, string]> = [
      [{}, 'body.event'],
      [{ case: 'no such case' }, 'body.case'],
      [{ sample: 'abusive ip' }, 'body'],
      [{ event: {}, approvals: 'maybe' }, 'body.approvals'],
      [{ event: {}, fixtures: [] }, 'body.fixtures'],
      [{ event: {}, mode: 'live' }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await simulate(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
    const deep = `{"event":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    const deepRes = await t.http
      .post(`/api/workflows/${workflowId}/versions/1/simulate`)
      .set('Authorization', t.people.reviewer.auth)
      .set('Content-Type', 'application/json')
      .send(deep);
    expect(deepRes.status).toBe(400);
    expect(await t.db.prisma.run.count()).toBe(before);
  });
});
