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

  it('when a stored sample is simulated by name then its event is used and the run records the sample check', async () => {
    const res = await simulate({ sample: 'abusive ip' });

    expect(res.body).toMatchObject({
      status: 'succeeded',
      path: ['block', 'tell'],
      check: { sample: 'abusive ip', passed: true },
    });
    const run = await t.db.prisma.run.findUniqueOrThrow({ where: { id: res.body.runId } });
    expect(run.input).toMatchObject({ sample: 'abusive ip', event: { ip: '198.51.100.7' } });
  });

  it('when the body is bad then 400 names the field and no run is stored', async () => {
    const before = await t.db.prisma.run.count();
    const cases: Array<[object, string]> = [
      [{}, 'body.event'],
      [{ sample: 'no such sample' }, 'body.sample'],
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

  it('when all samples are simulated then each is checked against its expect and answered pass/fail', async () => {
    const res = await t.http
      .post(`/api/workflows/${workflowId}/versions/1/simulate-samples`)
      .set('Authorization', t.people.reviewer.auth);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ passed: true, approved: false });
    expect(res.body.results).toEqual([
      expect.objectContaining({ sample: 'abusive ip', status: 'succeeded', passed: true, failures: [] }),
    ]);
  });
});
