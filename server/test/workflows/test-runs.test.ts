/**
 * Test runs on every saved version (issue 13 §2, §4): a save queues the version's cases, the
 * runner simulates them in the background and stores each case's run, the results and the
 * coverage, served by GET …/tests; POST …/tests runs them again; a newer request supersedes
 * an older run of the version; a run left running by a stopped process runs again; and the
 * review policy reads the run: a green case that never reaches the block the change adds
 * does not satisfy it, cases that reach it and see it refused do.
 */
import { FORMAT_VERSION, gatewayParams } from '@autonomic/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRunner } from '../../src/services/workflows';
import { claimTestRun, finishTestRun, queueTestRun } from '../../src/store/test-runs';
import { eventually } from '../runs/support';
import { blockDoc, fakeSafety, finishedTests, notifyDoc, PROTECTED_IP, setUp, uniqueName } from './harness';

let t: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  t = await setUp();
});
afterAll(async () => {
  await t.runner.stop();
  await t.db.drop();
});

type Person = { id: string; auth: string };

async function create(doc: object, who: Person = t.people.analyst) {
  const res = await t.http.post('/api/workflows').set('Authorization', who.auth).send({ document: doc });
  expect(res.status).toBe(201);
  return { id: res.body.workflow.id as string, versionId: res.body.version.id as string };
}

const tests = (id: string, n = 1, who: Person = t.people.reviewer) =>
  t.http.get(`/api/workflows/${id}/versions/${n}/tests`).set('Authorization', who.auth);
const rerun = (id: string, n = 1, who: Person = t.people.reviewer) =>
  t.http.post(`/api/workflows/${id}/versions/${n}/tests`).set('Authorization', who.auth);
const done = (id: string, n = 1) => finishedTests(t.http, t.people.reviewer.auth, id, n);

const tell = (text: string, to: Record<string, string[]> = {}) => ({
  type: 'connector',
  params: gatewayParams('notify', { text, to: '#soc', message: text }, 'notify-slack'),
  transitions: to,
});

/**
 * start → check (AbuseIPDB check_ip, a read) ─out→ tell, ─error→ fallback. Cases: the vendor
 * answers (out), the vendor answers 503 (error port).
 */
function lookupDoc(name: string) {
  return {
    formatVersion: FORMAT_VERSION,
    metadata: { name },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['check'] } },
    steps: {
      check: {
        type: 'connector',
        params: {
          connector: 'abuseipdb',
          version: '1.0.0',
          action: 'check_ip',
          credential: 'abuse-prod',
          input: { ipAddress: '{{ event.ip }}' },
          effect: 'read',
          target: { param: 'ipAddress', kind: 'ip' },
        },
        transitions: { out: ['tell'], error: ['fallback'] },
      },
      tell: tell('score {{ steps.check.output.data.abuseConfidenceScore }}'),
      fallback: tell('AbuseIPDB is down'),
    },
    tests: [
      {
        name: 'vendor answers',
        event: { ip: '198.51.100.7' },
        fixtures: { check: { output: { data: { abuseConfidenceScore: 97 } } } },
        expect: { status: 'succeeded', path: ['check', 'tell'] },
      },
      {
        name: 'vendor down',
        event: { ip: '198.51.100.7' },
        fixtures: { check: { fail: { kind: 'http_5xx', status: 503 } } },
        expect: { status: 'succeeded', reached: ['fallback'], notReached: ['tell'] },
      },
    ],
  };
}

/**
 * start → triage (condition event.severity = "high") ─true→ block (block_ip, destructive)
 * ─out→ tell, ─error→ refused; triage ─false→ tell. `cases` picks which cases the version carries.
 */
function triageDoc(name: string, cases: Array<'low' | 'high' | 'protected'>) {
  const all = {
    low: { name: 'low', event: { severity: 'low', ip: '198.51.100.7' }, expect: { reached: ['tell'] } },
    high: {
      name: 'high',
      event: { severity: 'high', ip: '198.51.100.7' },
      expect: { effects: [{ step: 'block', decision: 'would-run' }] },
    },
    protected: {
      name: 'protected',
      event: { severity: 'high', ip: PROTECTED_IP },
      expect: { effects: [{ step: 'block', decision: 'refused' }] },
    },
  };
  return {
    formatVersion: FORMAT_VERSION,
    metadata: { name, severity: 'high' },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['triage'] } },
    steps: {
      triage: {
        type: 'condition',
        params: { predicate: 'event.severity = "high"' },
        transitions: { true: ['block'], false: ['tell'] },
      },
      block: {
        type: 'connector',
        params: gatewayParams('block_ip', { ip: '{{ event.ip }}', reason: 'alert', path: '/block' }),
        transitions: { out: ['tell'], error: ['refused'] },
      },
      tell: tell('triaged {{ event.ip }}'),
      refused: tell('not blocked {{ event.ip }}'),
    },
    tests: cases.map((c) => all[c]),
  };
}

describe('a test run before the runner has started', () => {
  it('when a version with cases is saved then its run is queued with the save, and the runner runs it to passed', async () => {
    const wf = await create(blockDoc(uniqueName('Queued')));

    const queued = await tests(wf.id);

    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({
      workflowId: wf.id,
      number: 1,
      status: 'queued',
      cases: [],
      coverage: null,
      startedAt: null,
      finishedAt: null,
    });
    expect(queued.body.requestedAt).toEqual(expect.any(String));
    expect(await t.runner.drain()).toBeGreaterThanOrEqual(1);
    const run = (await tests(wf.id)).body;
    expect(run).toMatchObject({ status: 'passed', contentHash: queued.body.contentHash });
    expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(Date.parse(run.requestedAt));
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
  });

  it('when a newer request comes while a run is in progress then the older run’s results are not kept and the newer runs', async () => {
    const wf = await create(blockDoc(uniqueName('Superseded')));
    const claimed = await claimTestRun(t.db.prisma, new Date(), wf.versionId);
    if (!claimed) throw new Error('nothing to claim');

    const again = await rerun(wf.id);
    const kept = await finishTestRun(t.db.prisma, claimed, {
      status: 'failed',
      cases: [],
      coverage: null,
      message: null,
      at: new Date(),
    });

    expect(again.body.status).toBe('queued');
    expect(kept).toBe(false);
    expect((await tests(wf.id)).body.status).toBe('queued');
    await t.runner.drain();
    const row = await t.db.prisma.versionTestRun.findUniqueOrThrow({ where: { versionId: wf.versionId } });
    expect(row).toMatchObject({ status: 'passed', generation: 2 });
  });

  it('when a version is queued twice before any runner looks then it has one run, the latest request', async () => {
    const wf = await create(notifyDoc(uniqueName('Twice')));
    const at = new Date('2030-01-01T00:00:00Z');

    await queueTestRun(t.db.prisma, { versionId: wf.versionId, contentHash: 'h', requestedById: null, at });
    await rerun(wf.id);

    expect(await t.db.prisma.versionTestRun.count({ where: { versionId: wf.versionId } })).toBe(1);
    expect(await t.runner.drain()).toBe(1);
    expect((await tests(wf.id)).body.status).toBe('passed');
  });

  it('when a version has no test case then nothing is queued, GET says not_run and POST is refused with no_tests', async () => {
    const wf = await create({ ...notifyDoc(uniqueName('No cases')), tests: [] });

    const got = await tests(wf.id);
    const posted = await rerun(wf.id);

    expect(got.body).toMatchObject({ status: 'not_run', message: 'no test cases', cases: [], coverage: null });
    expect(posted.status).toBe(409);
    expect(posted.body.error.code).toBe('no_tests');
    expect(await t.db.prisma.versionTestRun.count({ where: { versionId: wf.versionId } })).toBe(0);
  });

  it('when a manager asks for the tests then 403; for an unknown version or workflow then 404', async () => {
    const wf = await create(notifyDoc(uniqueName('Authz')));

    expect((await tests(wf.id, 1, t.people.manager)).status).toBe(403);
    expect((await rerun(wf.id, 1, t.people.manager)).status).toBe(403);
    expect((await tests(wf.id, 9)).status).toBe(404);
    expect((await rerun(wf.id, 9)).status).toBe(404);
    expect((await tests('00000000-0000-0000-0000-000000000000')).status).toBe(404);
    const audited = await t.db.prisma.auditEvent.count({ where: { action: 'version.tests_requested' } });
    expect((await rerun(wf.id, 1, t.people.manager)).status).toBe(403);
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'version.tests_requested' } })).toBe(audited);
  });
});

describe('test runs with the runner started', () => {
  beforeAll(() => t.runner.start());
  afterAll(() => t.runner.stop());

  it('when a version with passing cases is saved then its run passes, with each case, its stored run and the coverage', async () => {
    const wf = await create(blockDoc(uniqueName('Green')));

    const run = await done(wf.id);

    expect(run.status).toBe('passed');
    expect(run.cases.map((c: { name: string; passed: boolean }) => [c.name, c.passed])).toEqual([
      ['abusive ip', true],
      ['protected ip', true],
    ]);
    const [abusive] = run.cases;
    expect(abusive).toMatchObject({ status: 'succeeded', path: ['block', 'tell'], warnings: [] });
    expect(abusive.assertions).toEqual([
      expect.objectContaining({ passed: true }),
      expect.objectContaining({ passed: true }),
    ]);
    // The case's simulated run is a stored Run: its trace opens like any run's.
    const stored = await t.db.prisma.run.findUniqueOrThrow({ where: { id: abusive.runId }, include: { steps: true } });
    expect(stored).toMatchObject({ mode: 'simulation', status: 'succeeded', createdById: t.people.analyst.id });
    expect(stored.input).toMatchObject({ case: 'abusive ip', event: { ip: '198.51.100.7' } });
    expect(stored.steps.map((s) => s.stepId).sort()).toEqual(['block', 'tell']);
    expect(run.coverage).toMatchObject({
      covered: 3,
      total: 3,
      percent: 100,
      destructive: [{ stepId: 'block', reachedBy: ['abusive ip', 'protected ip'], refusedBy: ['protected ip'] }],
      errorPorts: [{ stepId: 'block', cases: ['protected ip'] }],
    });
  });

  it('when a case fails then the run fails and the case says its first failed assertion', async () => {
    const wf = await create(blockDoc(uniqueName('Red'), ['block', 'refused']));

    const run = await done(wf.id);

    expect(run.status).toBe('failed');
    const [abusive, protectedIp] = run.cases;
    expect(abusive).toMatchObject({ name: 'abusive ip', passed: false, runId: expect.any(String) });
    expect(abusive.firstFailure).toMatch(/^path.*: /);
    expect(abusive.assertions.find((a: { passed: boolean }) => !a.passed).detail).toEqual(expect.any(String));
    expect(protectedIp).toMatchObject({ passed: true });
    expect(protectedIp.firstFailure).toBeUndefined();
  });

  it('when a case answers a lookup with a 503 and the lookup has an error port then the run passes and covers that port', async () => {
    const wf = await create(lookupDoc(uniqueName('Vendor down')));

    const run = await done(wf.id);

    expect(run.status).toBe('passed');
    expect(run.cases[1]).toMatchObject({ name: 'vendor down', passed: true, path: ['check', 'fallback'] });
    expect(run.coverage.errorPorts).toEqual([{ stepId: 'check', label: expect.any(String), cases: ['vendor down'] }]);
    expect(run.coverage.edges).toContainEqual({ from: 'check', port: 'error', to: 'fallback', cases: ['vendor down'] });
    expect(run.coverage).toMatchObject({ covered: 3, total: 3, percent: 100 });
    const trace = await t.db.prisma.stepRun.findFirstOrThrow({ where: { runId: run.cases[1].runId, stepId: 'check' } });
    expect(trace).toMatchObject({ status: 'failed', port: 'error' });
  });

  it('when a re-run is asked for then it answers queued, is audited, and runs the cases again as new runs', async () => {
    const wf = await create(notifyDoc(uniqueName('Again')));
    const first = await done(wf.id);

    const res = await rerun(wf.id);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'queued', cases: [], coverage: null, finishedAt: null });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'version.tests_requested', targetId: wf.versionId },
    });
    expect(audit.actor).toBe(`token:test:${t.people.reviewer.username}`);
    expect(audit.details).toMatchObject({ workflowId: wf.id, number: 1, cases: 1 });
    const second = await eventually(async () => {
      const r = (await tests(wf.id)).body;
      return r.status === 'passed' && r.cases[0]?.runId !== first.cases[0].runId ? r : undefined;
    }, 15_000);
    expect(second.cases[0]).toMatchObject({ name: 'any alert', passed: true });
  });
});

describe('the review policy on test runs', () => {
  beforeAll(() => t.runner.start());
  afterAll(() => t.runner.stop());

  const requestReview = (id: string, n: number) =>
    t.http
      .post(`/api/workflows/${id}/versions/${n}/review`)
      .set('Authorization', t.people.analyst.auth)
      .send({ reviewerIds: [t.people.reviewer.id, t.people.reviewer2.id] });
  const approve = (reviewId: string, who: Person) =>
    t.http.post(`/api/reviews/${reviewId}/decisions`).set('Authorization', who.auth).send({ decision: 'approve' });
  const statusOf = async (id: string, n: number) =>
    (await t.http.get(`/api/workflows/${id}/versions/${n}`).set('Authorization', t.people.reviewer.auth)).body.status;

  it('when the only case of a high-risk version is green but never reaches the added block then two approvals do not approve', async () => {
    const wf = await create(triageDoc(uniqueName('Never blocks'), ['low']));
    const review = await requestReview(wf.id, 1);
    expect(review.body.review.testsRequired).toBe(true);
    await approve(review.body.review.id, t.people.reviewer);
    await approve(review.body.review.id, t.people.reviewer2);

    expect((await done(wf.id)).status).toBe('passed');

    const res = await t.http.get(`/api/reviews/${review.body.review.id}`).set('Authorization', t.people.reviewer.auth);
    expect(res.body.policy).toMatchObject({
      tests: { status: 'passed', cases: [{ name: 'low', passed: true }] },
      destructive: [{ stepId: 'block', reached: false, refused: false }],
      missing: [
        'no case reaches destructive step block and lets it run',
        'no case shows block refused on a protected target (or held back from one by its auto-OK check)',
      ],
      satisfied: false,
    });
    expect(await statusOf(wf.id, 1)).toBe('in_review');
  });

  it('when cases reach the added block and show it refused on a protected target then two approvals approve', async () => {
    const wf = await create(triageDoc(uniqueName('Blocks'), ['low', 'high', 'protected']));
    const review = await requestReview(wf.id, 1);
    await approve(review.body.review.id, t.people.reviewer);
    await approve(review.body.review.id, t.people.reviewer2);

    // The last condition met approves: the approvals, or the finished test run (system:test-runner).
    expect(await eventually(async () => ((await statusOf(wf.id, 1)) === 'approved' ? true : undefined), 15_000)).toBe(
      true,
    );
    const res = await t.http.get(`/api/reviews/${review.body.review.id}`).set('Authorization', t.people.reviewer.auth);
    expect(res.body.policy).toMatchObject({
      tests: { status: 'passed' },
      destructive: [{ stepId: 'block', reached: true, refused: true }],
      missing: [],
      satisfied: true,
    });
  });
});

describe('a test run left running by a stopped process', () => {
  it('when a new runner starts then the run is queued again and run to the end', async () => {
    const wf = await create(blockDoc(uniqueName('Crashed')));
    await t.runner.drain();
    // As a process that died mid-run leaves it: claimed, started, never finished.
    await t.db.prisma.versionTestRun.update({
      where: { versionId: wf.versionId },
      data: { status: 'running', cases: [], finishedAt: null },
    });
    expect((await tests(wf.id)).body.status).toBe('running');

    const restarted = createTestRunner(t.ctx, { safety: fakeSafety(), pollMs: 50 });
    await restarted.start();
    try {
      const run = await done(wf.id);
      expect(run.status).toBe('passed');
      expect(run.cases).toHaveLength(2);
      const row = await t.db.prisma.versionTestRun.findUniqueOrThrow({ where: { versionId: wf.versionId } });
      expect(row.generation).toBe(2);
    } finally {
      await restarted.stop();
    }
  });
});
