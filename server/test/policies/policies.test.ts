import { DEFAULT_POLICIES, type WorkflowDocument } from '@autonomic/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../examples/support';
import { notifyDoc, uniqueName } from '../workflows/harness';
import { setUp } from './harness';

let t: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  t = await setUp();
});
afterAll(() => t.db.drop());

type Person = { id: string; auth: string };

/*
 * The malicious-ip-containment example:
 *   siem_alert → enrich_ip → check_confidence ─true→ approve_block ─approved→ block_ip ─out→ notify_blocked
 *                                                                                       └error→ notify_block_failed
 * withoutApproval rewires check_confidence ─true→ block_ip and drops the approval and its
 * rejected / timeout branches (with the cases about its answers, and the step from the
 * other cases' expected paths).
 */
const example = loadExample('malicious-ip-containment').doc;

function withoutApproval(doc: WorkflowDocument, name: string): WorkflowDocument {
  const d = structuredClone(doc);
  d.metadata.name = name;
  const check = d.steps['check_confidence'];
  if (check) check.transitions = { ...check.transitions, true: ['block_ip'] };
  for (const id of ['approve_block', 'notify_rejected', 'notify_timeout', 'end_timed_out']) delete d.steps[id];
  // the cases about the approval's answers go with it
  d.tests = d.tests.filter((c) => !c.approvals?.['approve_block']);
  for (const c of d.tests) {
    if (c.expect.path) c.expect.path = c.expect.path.filter((s) => s !== 'approve_block');
    if (c.expect.notReached) c.expect.notReached = c.expect.notReached.filter((s) => s !== 'approve_block');
  }
  return d;
}

async function create(doc: object): Promise<string> {
  const res = await t.http.post('/api/workflows').set('Authorization', t.people.analyst.auth).send({ document: doc });
  expect(res.status).toBe(201);
  return res.body.workflow.id;
}

const checkOf = (id: string, n: number, who: Person = t.people.analyst) =>
  t.http.get(`/api/workflows/${id}/versions/${n}/policy-check`).set('Authorization', who.auth);
const publish = (id: string, n: number) =>
  t.http.post(`/api/workflows/${id}/versions/${n}/publish`).set('Authorization', t.people.analyst.auth);
const waive = (id: string, n: number, body: object, who: Person = t.people.admin) =>
  t.http.post(`/api/workflows/${id}/versions/${n}/policy-waivers`).set('Authorization', who.auth).send(body);
const patch = (policyId: string, body: object, who: Person = t.people.admin) =>
  t.http.patch(`/api/safety-policies/${policyId}`).set('Authorization', who.auth).send(body);

/** Takes version n (high risk: a destructive step) through review: its cases run, two reviewers approve. */
async function approve(id: string, n: number): Promise<string> {
  const review = await t.http
    .post(`/api/workflows/${id}/versions/${n}/review`)
    .set('Authorization', t.people.analyst.auth)
    .send({ reviewerIds: [t.people.reviewer.id, t.people.reviewer2.id] });
  expect(review.body.error ?? null).toBeNull();
  expect(review.status).toBe(201);
  await t.runner.drain();
  for (const r of [t.people.reviewer, t.people.reviewer2]) {
    const d = await t.http
      .post(`/api/reviews/${review.body.review.id}/decisions`)
      .set('Authorization', r.auth)
      .send({ decision: 'approve' });
    expect(d.status).toBe(201);
  }
  const v = await t.http.get(`/api/workflows/${id}/versions/${n}`).set('Authorization', t.people.analyst.auth);
  expect(v.body.status).toBe('approved');
  return review.body.review.id;
}

describe('safety policies', () => {
  it('when anyone lists the policies then the four defaults come first, built in and enabled', async () => {
    const res = await t.http.get('/api/safety-policies').set('Authorization', t.people.analyst.auth);

    expect(res.status).toBe(200);
    expect(res.body.policies.map((p: { id: string }) => p.id)).toEqual(DEFAULT_POLICIES.map((p) => p.id));
    expect(res.body.policies[0]).toMatchObject({
      id: 'destructive-guarded',
      builtIn: true,
      enabled: true,
      rule: DEFAULT_POLICIES[0]?.rule,
      updatedBy: null,
    });
  });

  it('when a non-admin changes or waives a policy then 403 and nothing is written', async () => {
    const id = await create(example);
    const body = { id: 'mine', name: 'Mine', rule: { kind: 'http-hosts', methods: ['POST'], allow: [] } };
    const before = await t.db.prisma.auditEvent.count({ where: { action: { startsWith: 'policy.' } } });

    const answers = await Promise.all([
      t.http.post('/api/safety-policies').set('Authorization', t.people.analyst.auth).send(body),
      patch('destructive-guarded', { enabled: false, reason: 'in my way' }, t.people.reviewer),
      t.http.delete('/api/safety-policies/destructive-guarded').set('Authorization', t.people.analyst.auth),
      waive(id, 1, { policyId: 'destructive-guarded', reason: 'trust me' }, t.people.reviewer),
    ]);

    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(await t.db.prisma.safetyPolicy.count({ where: { id: 'mine' } })).toBe(0);
    expect(await t.db.prisma.auditEvent.count({ where: { action: { startsWith: 'policy.' } } })).toBe(before);
  });

  it.each([
    [{ id: 'bad', name: 'Bad', rule: { kind: 'guarded', steps: {}, guards: [] } }, 'body.rule.guards'],
    [{ id: 'bad', name: 'Bad', rule: { kind: 'http-hosts', methods: ['FETCH'], allow: [] } }, 'body.rule.methods.0'],
    [{ id: 'Bad Id', name: 'Bad', rule: { kind: 'http-hosts', methods: ['POST'], allow: [] } }, 'body.id'],
    [{ id: 'bad', name: 'Bad', rule: { kind: 'loop-limited', steps: {}, maxPerRun: 0 } }, 'body.rule.maxPerRun'],
  ])('when an admin posts %j then 400 names %s', async (body, path) => {
    const res = await t.http.post('/api/safety-policies').set('Authorization', t.people.admin.auth).send(body);

    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('when an admin adds a policy then it is audited, its id cannot be taken twice, and it can be deleted (audited); a default cannot', async () => {
    const body = {
      id: 'fw-hosts',
      name: 'Writes go to the firewall',
      rule: { kind: 'http-hosts', methods: ['POST'], allow: ['*.fw.corp.example'] },
    };
    const post = () => t.http.post('/api/safety-policies').set('Authorization', t.people.admin.auth).send(body);

    const created = await post();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'fw-hosts',
      builtIn: false,
      enabled: true,
      updatedBy: { id: t.people.admin.id },
    });
    expect((await post()).body.error.code).toBe('policy_exists');
    const builtIn = await t.http
      .delete('/api/safety-policies/destructive-guarded')
      .set('Authorization', t.people.admin.auth);
    expect(builtIn.status).toBe(409);
    expect(builtIn.body.error).toMatchObject({
      code: 'policy_builtin',
      message: expect.stringContaining('destructive-guarded'),
    });
    const removed = await t.http.delete('/api/safety-policies/fw-hosts').set('Authorization', t.people.admin.auth);
    expect(removed.status).toBe(204);

    const audit = await t.db.prisma.auditEvent.findMany({ where: { targetId: 'fw-hosts' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['policy.created', 'policy.deleted']);
    expect(await t.db.prisma.safetyPolicy.count({ where: { id: 'destructive-guarded' } })).toBe(1);
  });

  it('when an admin switches a default off with a reason then it is audited and the check no longer reports it', async () => {
    const doc = withoutApproval(example, uniqueName('Error port'));
    delete doc.steps['block_ip']?.transitions['error'];
    delete doc.steps['notify_block_failed'];
    delete doc.steps['end_block_failed'];
    doc.tests = doc.tests.filter((c) => !c.expect.path?.includes('notify_block_failed'));
    const id = await create(doc);
    const reported = async () =>
      ((await checkOf(id, 1)).body.violations as Array<{ policyId: string }>).map((v) => v.policyId);
    expect(await reported()).toEqual(['destructive-guarded', 'destructive-error-handled']);

    expect((await patch('destructive-error-handled', { enabled: false })).body.error.details[0].path).toBe(
      'body.reason',
    );
    const off = await patch('destructive-error-handled', {
      enabled: false,
      reason: 'the firewall reports its own failures',
    });

    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, builtIn: true, updatedBy: { id: t.people.admin.id } });
    expect(await reported()).toEqual(['destructive-guarded']);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'policy.updated', targetId: 'destructive-error-handled' },
    });
    expect(audit.details).toMatchObject({
      reason: 'the firewall reports its own failures',
      before: { enabled: true },
      after: { enabled: false },
    });

    const on = await patch('destructive-error-handled', { enabled: true, reason: 'back on' });
    expect(on.body.enabled).toBe(true);
    expect(await reported()).toEqual(['destructive-guarded', 'destructive-error-handled']);
  });

  it('when a policy added later is broken by a version published before then a rollback to it goes through, a new version is refused', async () => {
    const name = uniqueName('Notify');
    const id = await create(notifyDoc(name));
    const save = async (message: string) => {
      const res = await t.http
        .post(`/api/workflows/${id}/versions`)
        .set('Authorization', t.people.analyst.auth)
        .send({ document: notifyDoc(name, message) });
      expect(res.status).toBe(201);
      return res.body.version.number as number;
    };
    const approveOnce = async (n: number) => {
      const review = await t.http
        .post(`/api/workflows/${id}/versions/${n}/review`)
        .set('Authorization', t.people.analyst.auth)
        .send({ reviewerIds: [t.people.reviewer.id] });
      const d = await t.http
        .post(`/api/reviews/${review.body.review.id}/decisions`)
        .set('Authorization', t.people.reviewer.auth)
        .send({ decision: 'approve' });
      expect(d.status).toBe(201);
    };
    await approveOnce(1);
    expect((await publish(id, 1)).status).toBe(200);
    const v2 = await save('second {{ event.id }}');
    await approveOnce(v2);
    expect((await publish(id, v2)).status).toBe(200);
    // Every connector step handles its failure: the notify step of each version does not.
    const rule = { kind: 'error-handled', steps: { types: ['connector'] } };
    const added = await t.http
      .post('/api/safety-policies')
      .set('Authorization', t.people.admin.auth)
      .send({ id: 'connector-error-handled', name: 'Connector failures handled', rule });
    expect(added.status).toBe(201);

    const rollback = await t.http
      .post(`/api/workflows/${id}/rollback`)
      .set('Authorization', t.people.analyst.auth)
      .send({ toNumber: 1 });
    const v3 = await save('third {{ event.id }}');
    await approveOnce(v3);
    const refused = await publish(id, v3);
    await t.http.delete('/api/safety-policies/connector-error-handled').set('Authorization', t.people.admin.auth);

    expect(rollback.status).toBe(200);
    expect(rollback.body).toMatchObject({ rolledBack: true, published: { number: 1 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'policy_violation',
      details: [{ path: 'policies.connector-error-handled.steps.tell' }],
    });
  });

  it('when the approval before the block is removed then the check draws the path, publish is refused, and an admin waiver lets it publish', async () => {
    const id = await create({ ...example, metadata: { ...example.metadata, name: uniqueName('Containment') } });
    expect((await checkOf(id, 1)).body).toMatchObject({ violations: [], blocking: false });
    const saved = await t.http
      .post(`/api/workflows/${id}/versions`)
      .set('Authorization', t.people.analyst.auth)
      .send({
        document: withoutApproval(
          example,
          (await t.http.get(`/api/workflows/${id}`).set('Authorization', t.people.analyst.auth)).body.name,
        ),
      });
    expect(saved.status).toBe(201);
    const n = saved.body.version.number as number;

    const check = await checkOf(id, n);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      contentHash: saved.body.version.contentHash,
      blocking: true,
      violations: [
        {
          policyId: 'destructive-guarded',
          nodeId: 'block_ip',
          path: ['siem_alert', 'enrich_ip', 'check_confidence', 'block_ip'],
          ports: ['out', 'out', 'true'],
          message: expect.stringContaining('without an approval or an auto-OK check'),
          waiver: null,
        },
      ],
    });

    // The reviewer sees the violation; it does not hold the approval back.
    const reviewId = await approve(id, n);
    const review = await t.http.get(`/api/reviews/${reviewId}`).set('Authorization', t.people.reviewer.auth);
    expect(review.body.policy).toMatchObject({
      satisfied: true,
      policyCheck: { blocking: true, violations: [{ policyId: 'destructive-guarded', nodeId: 'block_ip' }] },
    });
    const refused = await publish(id, n);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'policy_violation',
      details: [{ path: 'policies.destructive-guarded.steps.block_ip', message: expect.stringContaining('block_ip') }],
    });

    const notBroken = await waive(id, n, { policyId: 'destructive-error-handled', reason: 'x' });
    expect(notBroken.status).toBe(409);
    expect(notBroken.body.error.details[0].path).toBe('body.policyId');
    const unknown = await waive(id, n, { policyId: 'no-such-policy', reason: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('body.policyId');

    const waived = await waive(id, n, { policyId: 'destructive-guarded', reason: 'the SOC lead approves out of band' });
    expect(waived.status).toBe(201);
    expect(waived.body).toMatchObject({
      blocking: false,
      violations: [
        {
          policyId: 'destructive-guarded',
          waiver: { reason: 'the SOC lead approves out of band', waivedBy: { id: t.people.admin.id } },
        },
      ],
    });
    expect((await waive(id, n, { policyId: 'destructive-guarded', reason: 'again' })).status).toBe(409);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'policy.waived', targetId: saved.body.version.id },
    });
    expect(audit).toMatchObject({ afterHash: saved.body.version.contentHash });
    expect(audit.details).toMatchObject({
      number: n,
      policyId: 'destructive-guarded',
      reason: 'the SOC lead approves out of band',
      nodes: ['block_ip'],
    });

    // A waiver changes no content: the approval stands.
    const version = await t.http.get(`/api/workflows/${id}/versions/${n}`).set('Authorization', t.people.analyst.auth);
    expect(version.body.status).toBe('approved');
    const published = await publish(id, n);
    expect(published.status).toBe(200);
    expect(published.body.published).toMatchObject({ number: n, status: 'published' });
  });
});
