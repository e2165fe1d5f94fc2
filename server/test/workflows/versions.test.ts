import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockDoc, notifyDoc, setUp, uniqueName } from './harness';

let t: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  t = await setUp();
});
afterAll(() => t.db.drop());

async function create(doc: object, auth = t.people.analyst.auth) {
  const res = await t.http.post('/api/workflows').set('Authorization', auth).send({ document: doc });
  expect(res.status).toBe(201);
  return res.body as { workflow: { id: string; slug: string }; version: { number: number; contentHash: string } };
}

const versionCount = (workflowId: string) => t.db.prisma.workflowVersion.count({ where: { workflowId } });

describe('versions', () => {
  it('when a workflow is created then it has version 1, a slug from its name and the caller as owner', async () => {
    const name = uniqueName('Phishing Triage!');
    const { workflow, version } = await create(notifyDoc(name));

    expect(version.number).toBe(1);
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(workflow.slug).toMatch(/^phishing-triage-\d+$/);
    const got = await t.http.get(`/api/workflows/${workflow.slug}`).set('Authorization', t.people.manager.auth);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      ownerId: t.people.analyst.id,
      latest: { number: 1, status: 'draft' },
      published: null,
    });
  });

  it('when the same document is saved again then no version is created; a change makes v2 with a new hash', async () => {
    const doc = notifyDoc(uniqueName('Same'));
    const { workflow, version } = await create(doc);
    const path = `/api/workflows/${workflow.id}/versions`;

    const same = await t.http.post(path).set('Authorization', t.people.analyst.auth).send({ document: doc });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ created: false, version: { number: 1, contentHash: version.contentHash } });
    expect(await versionCount(workflow.id)).toBe(1);

    const tell = doc.steps.tell;
    const input = { ...(tell.params['input'] as object), to: '#ir' };
    const changed = { ...doc, steps: { tell: { ...tell, params: { ...tell.params, input } } } };
    const v2 = await t.http
      .post(path)
      .set('Authorization', t.people.analyst.auth)
      .send({ document: changed, changeNote: 'to IR' });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ created: true, version: { number: 2, changeNote: 'to IR' }, problems: [] });
    expect(v2.body.version.contentHash).not.toBe(version.contentHash);
    expect(await versionCount(workflow.id)).toBe(2);
  });

  it('when only the layout changes (a node moved) then the hash is the same and no version is created', async () => {
    const doc = notifyDoc(uniqueName('Layout'));
    const { workflow } = await create(doc);
    const moved = { ...doc, ui: { ...doc.ui, positions: { ...doc.ui.positions, tell: { x: 999, y: 42 } } } };

    const res = await t.http
      .post(`/api/workflows/${workflow.id}/versions`)
      .set('Authorization', t.people.analyst.auth)
      .send({ document: moved });

    expect(res.status).toBe(200);
    expect(res.body.created).toBe(false);
    expect(await versionCount(workflow.id)).toBe(1);
  });

  it('when two versions are diffed then the route answers the semantic diff and its risk; from=published diffs against empty', async () => {
    const name = uniqueName('Diffed');
    const { workflow } = await create(notifyDoc(name));
    await t.http
      .post(`/api/workflows/${workflow.id}/versions`)
      .set('Authorization', t.people.analyst.auth)
      .send({ document: blockDoc(name) });

    const res = await t.http
      .get(`/api/workflows/${workflow.id}/diff?from=1&to=2`)
      .set('Authorization', t.people.reviewer.auth);
    expect(res.status).toBe(200);
    expect(res.body.diff.risk).toBe('high');
    expect(res.body.diff.steps.added.map((s: { id: string }) => s.id)).toEqual(['block', 'refused']);

    const fromPublished = await t.http
      .get(`/api/workflows/${workflow.id}/diff?from=published&to=1`)
      .set('Authorization', t.people.reviewer.auth);
    expect(fromPublished.body).toMatchObject({ from: { number: null }, diff: { risk: 'normal' } });
    expect(fromPublished.body.diff.steps.added.map((s: { id: string }) => s.id)).toEqual(['tell']);

    const bad = await t.http
      .get(`/api/workflows/${workflow.id}/diff?from=abc&to=1`)
      .set('Authorization', t.people.reviewer.auth);
    expect(bad.status).toBe(400);
  });

  it("when an analyst saves to someone else's workflow then 403 and nothing is written; an admin may", async () => {
    const doc = notifyDoc(uniqueName('Owned'));
    const { workflow } = await create(doc);
    const changed = notifyDoc(doc.metadata.name, 'changed');
    const path = `/api/workflows/${workflow.id}/versions`;

    for (const who of [t.people.other, t.people.reviewer, t.people.manager]) {
      const res = await t.http.post(path).set('Authorization', who.auth).send({ document: changed });
      expect(res.status).toBe(403);
    }
    expect(await versionCount(workflow.id)).toBe(1);
    const audits = await t.db.prisma.auditEvent.count({
      where: { details: { path: ['workflowId'], equals: workflow.id } },
    });
    expect(audits).toBe(1);

    const byAdmin = await t.http.post(path).set('Authorization', t.people.admin.auth).send({ document: changed });
    expect(byAdmin.status).toBe(201);
  });

  it('when bodies are invalid then 400 naming the field, never 500; a draft with an unknown node type is saved with its problems', async () => {
    const post = (body: unknown) =>
      t.http
        .post('/api/workflows')
        .set('Authorization', t.people.analyst.auth)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
    const before = await t.db.prisma.workflow.count();

    for (const body of [
      { document: 'text' },
      { document: [1] },
      [1, 2],
      {},
      { document: notifyDoc('x'), status: 'approved' },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toMatch(/^body/);
    }
    const wrongTypes = await post({ document: { formatVersion: 1, metadata: { name: 5 }, trigger: 'x', steps: [] } });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error.details.length).toBeGreaterThan(0);

    const deep = `{"document":{"formatVersion":1,"metadata":{"name":"deep"},"trigger":{"id":"s","type":"trigger.manual"},"vars":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}}`;
    expect(deep.length).toBeLessThan(1024 * 1024);
    const deepRes = await t.http
      .post('/api/workflows')
      .set('Authorization', t.people.analyst.auth)
      .set('Content-Type', 'application/json')
      .send(deep);
    expect(deepRes.status).toBe(400);
    expect(await t.db.prisma.workflow.count()).toBe(before);

    const unknownType = notifyDoc(uniqueName('Draft'));
    const draft = { ...unknownType, steps: { ...unknownType.steps, run: { type: 'run-script', params: {} } } };
    const saved = await post({ document: draft });
    expect(saved.status).toBe(201);
    expect(saved.body.problems).toContainEqual(expect.objectContaining({ nodeId: 'run' }));
    const v1 = await t.http
      .get(`/api/workflows/${saved.body.workflow.id}/versions/1`)
      .set('Authorization', t.people.analyst.auth);
    expect(v1.body.problems.length).toBeGreaterThan(0);
    expect(v1.body.document.steps.run.type).toBe('run-script');
  });

  it('when workflows are listed then each shows owner, tags, latest and published versions, filtered by search and owner', async () => {
    const name = uniqueName('Listed Zebra');
    await create(notifyDoc(name), t.people.other.auth);

    const res = await t.http.get('/api/workflows?search=zebra&owner=me').set('Authorization', t.people.other.auth);
    expect(res.status).toBe(200);
    expect(res.body.workflows).toEqual([
      expect.objectContaining({
        name,
        owner: expect.objectContaining({ id: t.people.other.id }),
        tags: ['test'],
        severity: 'low',
        publishedVersion: null,
        latestVersion: expect.objectContaining({ number: 1, status: 'draft' }),
        lastRun: null,
      }),
    ]);
    const none = await t.http.get('/api/workflows?search=zebra&owner=me').set('Authorization', t.people.analyst.auth);
    expect(none.body.workflows).toEqual([]);

    const { id, versions } = await t.db.prisma.workflow.findFirstOrThrow({
      where: { name },
      include: { versions: true },
    });
    const run = { workflowId: id, versionId: versions[0]?.id ?? '', triggerType: 'manual', input: {} };
    await t.db.prisma.run.create({
      data: { ...run, mode: 'live', status: 'failed', createdAt: new Date(Date.now() - 60_000) },
    });
    await t.db.prisma.run.create({ data: { ...run, mode: 'live', status: 'succeeded' } });
    await t.db.prisma.run.create({ data: { ...run, mode: 'simulation', status: 'failed' } });
    const withRuns = await t.http.get('/api/workflows?search=zebra').set('Authorization', t.people.other.auth);
    expect(withRuns.body.workflows[0].lastRun).toMatchObject({ status: 'succeeded' });
  });

  it('when saves of one workflow race then every version gets its own number and identical content one version', async () => {
    const name = uniqueName('Raced');
    const { workflow } = await create(notifyDoc(name));
    const path = `/api/workflows/${workflow.id}/versions`;
    const send = (message: string) =>
      t.http
        .post(path)
        .set('Authorization', t.people.analyst.auth)
        .send({ document: notifyDoc(name, message) });

    const results = await Promise.all([send('a'), send('b'), send('c'), send('a'), send('a')]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201, 201, 201]);
    const numbers = await t.db.prisma.workflowVersion.findMany({
      where: { workflowId: workflow.id },
      select: { number: true },
    });
    expect(numbers.map((n) => n.number).sort()).toEqual([1, 2, 3, 4]);
  });

  it('when the OpenAPI document is built then it lists the workflow, review and simulation routes', async () => {
    const res = await t.http.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/workflows/{id}/versions/{number}/simulate',
        '/api/reviews/{reviewId}/decisions',
        '/api/workflows/{id}/diff',
      ]),
    );
  });

  it('when the kill switch is flipped then the owner, a reviewer or an admin may and it is audited; a manager may not', async () => {
    const { workflow } = await create(notifyDoc(uniqueName('Kill')));
    const path = `/api/workflows/${workflow.id}/settings`;

    expect(
      (await t.http.patch(path).set('Authorization', t.people.manager.auth).send({ killSwitch: true })).status,
    ).toBe(403);
    const byReviewer = await t.http.patch(path).set('Authorization', t.people.reviewer.auth).send({ killSwitch: true });
    expect(byReviewer.status).toBe(200);
    expect(byReviewer.body.killSwitch).toBe(true);
    expect(
      (await t.http.patch(path).set('Authorization', t.people.reviewer.auth).send({ maxDestructivePerRun: 3 })).status,
    ).toBe(403);
    const byOwner = await t.http
      .patch(path)
      .set('Authorization', t.people.analyst.auth)
      .send({ maxDestructivePerRun: 3 });
    expect(byOwner.body.maxDestructivePerRun).toBe(3);

    const actions = await t.db.prisma.auditEvent.findMany({
      where: { targetId: workflow.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'workflow.created',
      'workflow.kill_switch_engaged',
      'workflow.settings_changed',
    ]);
  });
});
