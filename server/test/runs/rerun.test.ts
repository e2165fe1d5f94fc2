import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, createLiveEffects } from '../../src/adapters';
import { createUser, testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, post, publishedWorkflow, runtime, step, transform, workflow } from './support';
import { get } from '../engine/harness';

/** The outside world on 127.0.0.1: counts calls per path; `/fw` answers 500 until it is fixed. */
const calls = new Map<string, number>();
let fwFixed = false;
const receiver: Server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const path = req.url ?? '';
    calls.set(path, (calls.get(path) ?? 0) + 1);
    const down = path === '/fw' && !fwFixed;
    res.writeHead(down ? 500 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(down ? { error: 'firewall down' } : { path, verdict: 'malicious' }));
  });
});

let db: TestDatabase;
let rt: ReturnType<typeof runtime>;
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  db = await createTestDatabase();
  const effects = createLiveEffects({
    http: createHttpClient({ allow: ['127.0.0.1/32'] }),
    vault: { reveal: async () => undefined },
    log: pino({ level: 'silent' }),
  });
  rt = runtime(testContext(db.prisma), db.url, effects);
  await rt.executor.start();
});
afterAll(async () => {
  await rt.executor.stop();
  await db.drop();
  await new Promise((r) => receiver.close(r));
});
beforeEach(() => {
  calls.clear();
  fwFixed = false;
});

/** start → enrich (GET /intel) → decide (transform) → block (POST /fw) → report (transform) */
const playbook = () =>
  workflow('enrich', {
    enrich: get(`${base}/intel`, { out: 'decide' }),
    decide: transform('steps.enrich.output.body.verdict', { out: 'block' }),
    block: post(`${base}/fw`, { out: 'report' }),
    report: transform('steps.decide.output & " " & event.ip'),
  });

/** A run of a published playbook started by `starter` that failed at `block`. */
async function failedRun(starterId?: string) {
  const wf = await publishedWorkflow(db.prisma, playbook());
  const { runId } = await rt.starter.startLive({
    workflowId: wf.workflowId,
    event: { ip: '203.0.113.7' },
    trigger: 'manual',
    ...(starterId ? { actor: { userId: starterId, username: 'x', role: 'analyst', via: 'session' } } : {}),
  });
  expect(await rt.starter.waitForRun(runId, 5_000)).toMatchObject({ status: 'failed', error: { stepKey: 'block' } });
  expect(Object.fromEntries(calls)).toEqual({ '/intel': 1, '/fw': 1 });
  return { ...wf, runId };
}

describe('re-running a failed run', () => {
  it('when re-run from the failed step after the firewall is fixed then the steps before it are not called again, the failed one is, and the run succeeds', async () => {
    const analyst = await createUser(db.prisma, 'analyst');
    const failed = await failedRun();
    fwFixed = true;

    const res = await request(rt.app)
      .post(`/api/runs/${failed.runId}/rerun`)
      .set('Authorization', analyst.auth)
      .send({ from: 'failed_step' });

    expect(res.status).toBe(202);
    const rerunId: string = res.body.runId;
    expect(await rt.starter.waitForRun(rerunId, 5_000)).toMatchObject({ status: 'succeeded' });
    expect(Object.fromEntries(calls)).toEqual({ '/intel': 1, '/fw': 2 });
    const row = await db.prisma.run.findUniqueOrThrow({ where: { id: rerunId } });
    expect(row).toMatchObject({
      versionId: failed.versionId,
      rerunOfId: failed.runId,
      rerunFromStep: 'block',
      createdById: analyst.id,
      input: { ip: '203.0.113.7' },
    });
    const detail = await request(rt.app).get(`/api/runs/${rerunId}`).set('Authorization', analyst.auth);
    expect(detail.body.rerunOf).toEqual({ id: failed.runId, fromStep: 'block' });
    const stepOf = (key: string) => detail.body.steps.find((s: { stepKey: string }) => s.stepKey === key);
    expect(stepOf('report').output).toBe('malicious 203.0.113.7');
    const enrich = stepOf('enrich');
    expect(enrich.details.events).toEqual([expect.objectContaining({ type: 'reused', detail: failed.runId })]);
    const original = await request(rt.app).get(`/api/runs/${failed.runId}`).set('Authorization', analyst.auth);
    expect(original.body.reruns).toEqual([
      { id: rerunId, status: 'succeeded', fromStep: 'block', createdAt: expect.any(String) },
    ]);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'run.rerun', targetId: rerunId } });
    expect(audit.details).toMatchObject({
      rerunOf: failed.runId,
      from: 'failed_step',
      fromStep: 'block',
      reused: ['enrich', 'decide'],
    });
  });

  it('when re-run from the start then every step is called again', async () => {
    const admin = await createUser(db.prisma, 'admin');
    const failed = await failedRun();
    fwFixed = true;

    const res = await request(rt.app)
      .post(`/api/runs/${failed.runId}/rerun`)
      .set('Authorization', admin.auth)
      .send({ from: 'start' });

    expect(res.status).toBe(202);
    expect(await rt.starter.waitForRun(res.body.runId, 5_000)).toMatchObject({ status: 'succeeded' });
    expect(Object.fromEntries(calls)).toEqual({ '/intel': 2, '/fw': 2 });
    expect(await db.prisma.run.findUniqueOrThrow({ where: { id: res.body.runId } })).toMatchObject({
      rerunOfId: failed.runId,
      rerunFromStep: null,
    });
  });

  it('when the version is no longer the published one then the re-run still runs the version that failed', async () => {
    const analyst = await createUser(db.prisma, 'analyst');
    const failed = await failedRun();
    await db.prisma.workflow.update({ where: { id: failed.workflowId }, data: { publishedVersionId: null } });
    fwFixed = true;

    const res = await request(rt.app)
      .post(`/api/runs/${failed.runId}/rerun`)
      .set('Authorization', analyst.auth)
      .send({ from: 'failed_step' });

    expect(res.status).toBe(202);
    expect(await rt.starter.waitForRun(res.body.runId, 5_000)).toMatchObject({ status: 'succeeded' });
    expect(await db.prisma.run.findUniqueOrThrow({ where: { id: res.body.runId } })).toMatchObject({
      versionId: failed.versionId,
    });
  });

  it('when the run did not fail, the kill switch is on, the role may not start runs or the body is wrong then nothing starts', async () => {
    const analyst = await createUser(db.prisma, 'analyst');
    const reviewer = await createUser(db.prisma, 'reviewer');
    fwFixed = true;
    const wf = await publishedWorkflow(db.prisma, playbook());
    const { runId: okRun } = await rt.starter.startLive({
      workflowId: wf.workflowId,
      event: { ip: '1.2.3.4' },
      trigger: 'manual',
    });
    await rt.starter.waitForRun(okRun, 5_000);
    fwFixed = false;
    calls.clear();
    const failed = await failedRun();
    const before = await db.prisma.run.count();
    const audited = await db.prisma.auditEvent.count({ where: { action: 'run.rerun' } });

    const notFailed = await request(rt.app)
      .post(`/api/runs/${okRun}/rerun`)
      .set('Authorization', analyst.auth)
      .send({ from: 'start' });
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error).toMatchObject({
      code: 'not_failed',
      message: `run ${okRun} is succeeded, not failed: only a failed run is re-run`,
    });
    const asReviewer = await request(rt.app)
      .post(`/api/runs/${failed.runId}/rerun`)
      .set('Authorization', reviewer.auth)
      .send({ from: 'start' });
    expect(asReviewer.status).toBe(403);
    const badBody = await request(rt.app)
      .post(`/api/runs/${failed.runId}/rerun`)
      .set('Authorization', analyst.auth)
      .send({ from: 'middle' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.details[0].path).toBe('body.from');
    await db.prisma.workflow.update({ where: { id: failed.workflowId }, data: { killSwitch: true } });
    const killed = await request(rt.app)
      .post(`/api/runs/${failed.runId}/rerun`)
      .set('Authorization', analyst.auth)
      .send({ from: 'start' });
    expect(killed.status).toBe(423);

    expect(await db.prisma.run.count()).toBe(before);
    expect(await db.prisma.auditEvent.count({ where: { action: 'run.rerun' } })).toBe(audited);
  });

  it('when a run waits then youMay offers cancel to the analyst who started it and to reviewers, not to another analyst, and re-run to nobody', async () => {
    const alice = await createUser(db.prisma, 'analyst');
    const bob = await createUser(db.prisma, 'analyst');
    const reviewer = await createUser(db.prisma, 'reviewer');
    // start → ask (approval by the reviewer): the run waits
    const wf = await publishedWorkflow(
      db.prisma,
      workflow('ask', {
        ask: step('approval', { approvers: { users: [reviewer.username] }, message: 'go?', timeout: '1h' }),
      }),
    );
    const { runId } = await rt.starter.startLive({
      workflowId: wf.workflowId,
      event: {},
      trigger: 'manual',
      actor: { userId: alice.id, username: alice.username, role: 'analyst', via: 'session' },
    });
    await eventually(() =>
      db.prisma.run.findFirst({ where: { id: runId, status: 'waiting' } }).then((r) => r ?? undefined),
    );

    const youMay = async (auth: string) =>
      (await request(rt.app).get(`/api/runs/${runId}`).set('Authorization', auth)).body.youMay;
    expect(await youMay(alice.auth)).toEqual({ cancel: true, rerun: false });
    expect(await youMay(bob.auth)).toEqual({ cancel: false, rerun: false });
    expect(await youMay(reviewer.auth)).toEqual({ cancel: true, rerun: false });
    const refused = await request(rt.app).post(`/api/runs/${runId}/cancel`).set('Authorization', bob.auth).send({});
    expect(refused.status).toBe(403);
    const cancelled = await request(rt.app).post(`/api/runs/${runId}/cancel`).set('Authorization', alice.auth).send({});
    expect(cancelled.status).toBe(200);
    expect(await youMay(alice.auth)).toEqual({ cancel: false, rerun: false });
  });

  it('when an analyst reads a run then youMay says what the routes allow: cancel only their own live run, re-run any failed run', async () => {
    const alice = await createUser(db.prisma, 'analyst');
    const bob = await createUser(db.prisma, 'analyst');
    const manager = await createUser(db.prisma, 'manager');
    const failed = await failedRun(alice.id);

    const asAlice = await request(rt.app).get(`/api/runs/${failed.runId}`).set('Authorization', alice.auth);
    const asBob = await request(rt.app).get(`/api/runs/${failed.runId}`).set('Authorization', bob.auth);
    const asManager = await request(rt.app).get(`/api/runs/${failed.runId}`).set('Authorization', manager.auth);

    expect(asAlice.body.youMay).toEqual({ cancel: false, rerun: true });
    expect(asBob.body.youMay).toEqual({ cancel: false, rerun: true });
    expect(asManager.body.youMay).toEqual({ cancel: false, rerun: false });
  });
});
