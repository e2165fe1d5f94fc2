import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockDoc, notifyDoc, setUp, uniqueName } from './harness';

let t: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  t = await setUp();
});
afterAll(() => t.db.drop());

type Person = { id: string; auth: string };

async function create(doc: object, who: Person = t.people.analyst): Promise<string> {
  const res = await t.http.post('/api/workflows').set('Authorization', who.auth).send({ document: doc });
  expect(res.status).toBe(201);
  return res.body.workflow.id;
}

async function save(id: string, doc: object, who: Person = t.people.analyst): Promise<number> {
  const res = await t.http.post(`/api/workflows/${id}/versions`).set('Authorization', who.auth).send({ document: doc });
  expect(res.status).toBe(201);
  return res.body.version.number;
}

const requestReview = (id: string, n: number, reviewers: Person[], who: Person = t.people.analyst) =>
  t.http
    .post(`/api/workflows/${id}/versions/${n}/review`)
    .set('Authorization', who.auth)
    .send({ reviewerIds: reviewers.map((r) => r.id) });

const decide = (reviewId: string, who: Person, decision: 'approve' | 'request_changes', extra: object = {}) =>
  t.http
    .post(`/api/reviews/${reviewId}/decisions`)
    .set('Authorization', who.auth)
    .send({ decision, ...extra });

const statusOf = async (id: string, n: number) =>
  (await t.http.get(`/api/workflows/${id}/versions/${n}`).set('Authorization', t.people.manager.auth)).body.status;

const publish = (id: string, n: number, who: Person = t.people.analyst) =>
  t.http.post(`/api/workflows/${id}/versions/${n}/publish`).set('Authorization', who.auth);

/** Creates a normal-risk workflow and takes v1 to approved. */
async function approvedWorkflow(): Promise<string> {
  const id = await create(notifyDoc(uniqueName('Approved')));
  const review = await requestReview(id, 1, [t.people.reviewer]);
  expect(review.body.review.requiredApprovals).toBe(1);
  expect((await decide(review.body.review.id, t.people.reviewer, 'approve')).status).toBe(201);
  return id;
}

describe('review', () => {
  it('when a version with validation problems is sent for review then 400 lists the problems', async () => {
    const doc = notifyDoc(uniqueName('Broken'));
    const id = await create({ ...doc, trigger: { ...doc.trigger, transitions: { out: ['nowhere'] } } });

    const res = await requestReview(id, 1, [t.people.reviewer]);

    expect(res.status).toBe(400);
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(await statusOf(id, 1)).toBe('draft');
  });

  it('when the author decides on their own version then 403 self_approval, even as admin', async () => {
    const id = await create(notifyDoc(uniqueName('Admin authored')), t.people.admin);
    const asked = await requestReview(id, 1, [t.people.reviewer], t.people.admin);
    expect(asked.status).toBe(201);
    const selfAsk = await requestReview(
      await create(notifyDoc(uniqueName('Self ask')), t.people.admin),
      1,
      [t.people.admin],
      t.people.admin,
    );
    expect(selfAsk.status).toBe(400);

    const res = await decide(asked.body.review.id, t.people.admin, 'approve');

    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('self_approval');
    expect(await statusOf(id, 1)).toBe('in_review');
    expect(await t.db.prisma.reviewDecision.count({ where: { reviewId: asked.body.review.id } })).toBe(0);
  });

  it('when a reviewer the author did not name decides then 403 not_a_reviewer and nothing is recorded', async () => {
    const id = await create(notifyDoc(uniqueName('Asked bob only')));
    const review = await requestReview(id, 1, [t.people.reviewer]);

    const approve = await decide(review.body.review.id, t.people.reviewer2, 'approve');
    const changes = await decide(review.body.review.id, t.people.reviewer2, 'request_changes', { reason: 'urgent' });

    expect([approve.status, changes.status]).toEqual([403, 403]);
    expect(approve.body.error.code).toBe('not_a_reviewer');
    expect(await statusOf(id, 1)).toBe('in_review');
    expect(await t.db.prisma.reviewDecision.count({ where: { reviewId: review.body.review.id } })).toBe(0);
    const audit = await t.db.prisma.auditEvent.count({
      where: { action: 'review.decided', targetId: review.body.review.id },
    });
    expect(audit).toBe(0);
  });

  it('when an admin who was not named decides then a reason is required, and the decision counts with the reason audited', async () => {
    const id = await create(notifyDoc(uniqueName('Admin steps in')));
    const review = await requestReview(id, 1, [t.people.reviewer]);
    const reviewId = review.body.review.id;

    const silent = await decide(reviewId, t.people.admin, 'approve');
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.reason']);
    const blank = await decide(reviewId, t.people.admin, 'approve', { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details[0].path).toBe('body.reason');
    expect(await t.db.prisma.reviewDecision.count({ where: { reviewId } })).toBe(0);

    const res = await decide(reviewId, t.people.admin, 'approve', { reason: 'bob is on leave; incident INC-7' });

    expect(res.status).toBe(201);
    expect(res.body.policy.approvedBy).toEqual([t.people.admin.id]);
    expect(await statusOf(id, 1)).toBe('approved');
    const line = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'review.decided', targetId: reviewId },
    });
    expect(line.actor).toMatch(/:admin-/);
    expect(line.details).toMatchObject({ adminOverride: true, reason: 'bob is on leave; incident INC-7' });
  });

  it('when a named reviewer decides then no reason is needed and the audit line is not an override', async () => {
    const id = await create(notifyDoc(uniqueName('Named')));
    const review = await requestReview(id, 1, [t.people.admin, t.people.reviewer]);

    expect((await decide(review.body.review.id, t.people.admin, 'approve')).status).toBe(201);

    const line = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'review.decided', targetId: review.body.review.id },
    });
    expect(line.details).not.toHaveProperty('adminOverride');
  });

  it('when v2 is approved and v3 saved then v3 is a draft: an approval binds one content hash', async () => {
    const name = uniqueName('Bound');
    const id = await create(notifyDoc(name));
    const v2 = await save(id, notifyDoc(name, 'v2 {{ event.id }}'));
    const review = await requestReview(id, v2, [t.people.reviewer]);
    const stale = await decide(review.body.review.id, t.people.reviewer, 'approve', { contentHash: 'f'.repeat(64) });
    expect(stale.status).toBe(409);
    expect((await decide(review.body.review.id, t.people.reviewer, 'approve')).body.status).toBe('approved');

    const v3 = await save(id, notifyDoc(name, 'v3 {{ event.id }}'));

    expect(await statusOf(id, v2)).toBe('approved');
    expect(await statusOf(id, v3)).toBe('draft');
    expect((await publish(id, v3)).status).toBe(409);
  });

  it('when a high-risk version has two approvals before its test run then it stays in review until the run passes', async () => {
    const id = await create(blockDoc(uniqueName('Two approvals')));
    const review = await requestReview(id, 1, [t.people.reviewer, t.people.reviewer2]);
    expect(review.body).toMatchObject({ risk: 'high', review: { requiredApprovals: 2, testsRequired: true } });

    await decide(review.body.review.id, t.people.reviewer, 'approve');
    const both = await decide(review.body.review.id, t.people.reviewer2, 'approve');
    expect(both.body.policy).toMatchObject({
      tests: { status: 'queued' },
      destructive: [{ stepId: 'block', reached: false, refused: false }],
      missing: ['the test run of this content is still running'],
      satisfied: false,
    });
    expect(await statusOf(id, 1)).toBe('in_review');

    expect(await t.runner.drain()).toBeGreaterThanOrEqual(1);

    expect(await statusOf(id, 1)).toBe('approved');
    const version = await t.http.get(`/api/workflows/${id}/versions/1`).set('Authorization', t.people.reviewer.auth);
    const approved = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'version.approved', targetId: version.body.id },
    });
    expect(approved).toMatchObject({ actor: 'system:test-runner' });
    expect(approved.details).toMatchObject({
      cause: 'test_run',
      testsRequired: true,
      tests: { status: 'passed', cases: [{ name: 'abusive ip' }, { name: 'protected ip' }] },
      destructive: [{ stepId: 'block', reached: true, refused: true }],
    });
  });

  it('when a high-risk version has passed its tests and one approval then it stays in review until a second reviewer approves; approving twice is 409 already_decided and logs one decision', async () => {
    const id = await create(blockDoc(uniqueName('One approval')));
    const review = await requestReview(id, 1, [t.people.reviewer, t.people.reviewer2]);
    await t.runner.drain();

    await decide(review.body.review.id, t.people.reviewer, 'approve');
    const again = await decide(review.body.review.id, t.people.reviewer, 'approve');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');
    const read = await t.http.get(`/api/reviews/${review.body.review.id}`).set('Authorization', t.people.reviewer.auth);
    expect(read.body.decisions).toHaveLength(1);
    expect(read.body.policy.approvedBy).toEqual([t.people.reviewer.id]);
    expect(read.body.policy.missing).toEqual(['1 more approval(s) of this content']);
    expect(await statusOf(id, 1)).toBe('in_review');
    const logged = await t.db.prisma.auditEvent.count({
      where: { action: 'review.decided', targetId: review.body.review.id },
    });
    expect(logged).toBe(1);

    await decide(review.body.review.id, t.people.reviewer2, 'approve');
    expect(await statusOf(id, 1)).toBe('approved');
  });

  it('when a case of a high-risk version fails then two approvals do not approve and the policy names the case', async () => {
    const id = await create(blockDoc(uniqueName('Failing case'), ['block', 'refused']));
    const review = await requestReview(id, 1, [t.people.reviewer, t.people.reviewer2]);
    await decide(review.body.review.id, t.people.reviewer, 'approve');
    await decide(review.body.review.id, t.people.reviewer2, 'approve');

    await t.runner.drain();

    const res = await t.http.get(`/api/reviews/${review.body.review.id}`).set('Authorization', t.people.reviewer.auth);
    expect(res.body.policy.tests.status).toBe('failed');
    expect(res.body.policy.missing).toHaveLength(1);
    expect(res.body.policy.missing[0]).toMatch(/^case "abusive ip" fails: path/);
    expect(await statusOf(id, 1)).toBe('in_review');
  });

  it('when a high-risk version without test cases is sent for review then 400 names document.tests', async () => {
    const id = await create({ ...blockDoc(uniqueName('No cases')), tests: [] });

    const res = await requestReview(id, 1, [t.people.reviewer, t.people.reviewer2]);

    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'document.tests', message: expect.stringContaining('test case') }]);
    expect(await statusOf(id, 1)).toBe('draft');
  });

  it('when changes are requested then the review closes and the version returns to draft', async () => {
    const id = await create(notifyDoc(uniqueName('Changes')));
    const review = await requestReview(id, 1, [t.people.reviewer]);

    const res = await decide(review.body.review.id, t.people.reviewer, 'request_changes', {
      comment: 'wrong channel',
      nodeId: 'tell',
    });

    expect(res.body).toMatchObject({
      status: 'changes_requested',
      decisions: [expect.objectContaining({ nodeId: 'tell' })],
    });
    expect(await statusOf(id, 1)).toBe('draft');
    expect((await decide(review.body.review.id, t.people.reviewer2, 'approve')).status).toBe(409);
  });

  it('when versions are published then the previous retires, a draft cannot be, and rollback republishes v1', async () => {
    const id = await approvedWorkflow();
    expect((await publish(id, 1, t.people.other)).status).toBe(403);
    expect((await publish(id, 1, t.people.reviewer)).status).toBe(200);
    const name = (await t.http.get(`/api/workflows/${id}`).set('Authorization', t.people.analyst.auth)).body.name;
    const v2 = await save(id, notifyDoc(name, 'second {{ event.id }}'));
    expect((await publish(id, v2)).body.error.code).toBe('not_approved');
    const review = await requestReview(id, v2, [t.people.reviewer2]);
    await decide(review.body.review.id, t.people.reviewer2, 'approve');

    const published = await publish(id, v2);
    expect(published.body).toMatchObject({ published: { number: 2, status: 'published' }, retired: { number: 1 } });
    expect(await statusOf(id, 1)).toBe('retired');

    const rollback = await t.http
      .post(`/api/workflows/${id}/rollback`)
      .set('Authorization', t.people.analyst.auth)
      .send({ toNumber: 1 });
    expect(rollback.body).toMatchObject({ rolledBack: true, published: { number: 1 }, retired: { number: 2 } });
    const wf = await t.http.get(`/api/workflows/${id}`).set('Authorization', t.people.analyst.auth);
    expect(wf.body.published).toMatchObject({ number: 1, status: 'published' });
    expect((await publish(id, 1)).body.error.code).toBe('already_published');

    const audit = await t.db.prisma.auditEvent.findMany({
      where: { targetType: 'workflow_version' },
      orderBy: { createdAt: 'asc' },
    });
    const v1Id = wf.body.published.id;
    expect(audit.filter((a) => a.targetId === v1Id).map((a) => a.action)).toEqual([
      'version.saved',
      'version.review_requested',
      'version.approved',
      'version.published',
      'version.retired',
      'version.rolled_back',
    ]);
    const rolledBack = audit.find((a) => a.action === 'version.rolled_back' && a.targetId === v1Id);
    expect(rolledBack?.beforeHash).toBe(published.body.published.contentHash);
    expect(rolledBack?.afterHash).toBe(wf.body.published.contentHash);
  });

  it('when the reviewed version is published then its review keeps the diff, risk and base it was decided on', async () => {
    const id = await approvedWorkflow();
    expect((await publish(id, 1)).status).toBe(200);
    const name = (await t.http.get(`/api/workflows/${id}`).set('Authorization', t.people.analyst.auth)).body.name;
    const v2 = await save(id, blockDoc(name));
    const asked = await requestReview(id, v2, [t.people.reviewer, t.people.reviewer2]);
    expect(asked.body.risk).toBe('high');
    const reviewId = asked.body.review.id;
    await t.runner.drain();
    await decide(reviewId, t.people.reviewer, 'approve');
    await decide(reviewId, t.people.reviewer2, 'approve');
    expect(await statusOf(id, v2)).toBe('approved');
    const read = () => t.http.get(`/api/reviews/${reviewId}`).set('Authorization', t.people.reviewer.auth);
    const before = (await read()).body;
    expect(before).toMatchObject({ risk: 'high', against: { number: 1 } });
    expect(before.diff.steps.added.map((s: { id: string }) => s.id)).toContain('block');
    // Its unguarded block breaks the default safety policies: waived here, as an admin would.
    const violations: { policyId: string }[] = before.policy.policyCheck.violations;
    await t.db.prisma.policyWaiver.createMany({
      data: [...new Set(violations.map((v) => v.policyId))].map((policyId) => ({
        versionId: before.version.id,
        policyId,
        reason: 'the test publishes the reviewed block',
        waivedById: t.people.admin.id,
        waivedAt: new Date(),
      })),
    });

    expect((await publish(id, v2)).status).toBe(200);

    const after = (await read()).body;
    expect(after.version.status).toBe('published');
    expect(after.against).toEqual(before.against);
    expect(after.risk).toBe('high');
    expect(after.diff).toEqual(before.diff);
    expect(after.policy.destructive).toEqual(before.policy.destructive);
    expect(after.policy.destructive.map((d: { stepId: string }) => d.stepId)).toEqual(['block']);
  });

  it('when a review is requested then it is in the reviewer inbox and changes_requested is audited', async () => {
    const id = await create(notifyDoc(uniqueName('Inbox')));
    const review = await requestReview(id, 1, [t.people.reviewer2]);

    const inbox = await t.http.get('/api/reviews?mine=assigned').set('Authorization', t.people.reviewer2.auth);
    expect(inbox.body.reviews).toContainEqual(
      expect.objectContaining({
        id: review.body.review.id,
        workflow: expect.objectContaining({ id }),
        version: expect.objectContaining({ number: 1 }),
      }),
    );
    const notMine = await t.http.get('/api/reviews?mine=assigned').set('Authorization', t.people.manager.auth);
    expect(notMine.body.reviews).toEqual([]);

    await decide(review.body.review.id, t.people.reviewer2, 'request_changes');
    const after = await t.http.get('/api/reviews?mine=assigned').set('Authorization', t.people.reviewer2.auth);
    expect(after.body.reviews.map((r: { id: string }) => r.id)).not.toContain(review.body.review.id);
    const audit = await t.db.prisma.auditEvent.findMany({
      where: { details: { path: ['reviewId'], equals: review.body.review.id } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      'review.decided',
      'version.changes_requested',
      'version.review_requested',
    ]);
  });

  it('when comments are posted then they come back as threads and can be resolved', async () => {
    const id = await create(notifyDoc(uniqueName('Comments')));
    const path = `/api/workflows/${id}/versions/1/comments`;
    const top = await t.http
      .post(path)
      .set('Authorization', t.people.reviewer.auth)
      .send({ body: 'why #soc?', nodeId: 'tell' });
    const reply = await t.http
      .post(path)
      .set('Authorization', t.people.analyst.auth)
      .send({ body: 'on-call reads it', parentId: top.body.id });
    await t.http.post(path).set('Authorization', t.people.reviewer.auth).send({ body: 'ok', parentId: reply.body.id });
    expect((await t.http.post(path).set('Authorization', t.people.manager.auth).send({ body: 'hi' })).status).toBe(403);

    const resolved = await t.http
      .patch(`${path}/${top.body.id}`)
      .set('Authorization', t.people.analyst.auth)
      .send({ resolved: true });
    expect(resolved.body.resolvedAt).not.toBeNull();
    const threads = (await t.http.get(path).set('Authorization', t.people.manager.auth)).body.threads;
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ nodeId: 'tell', replies: [{ body: 'on-call reads it' }, { body: 'ok' }] });
  });
});
