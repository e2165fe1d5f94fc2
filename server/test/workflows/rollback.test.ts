/**
 * Rollback by policy (issue 15 §3) on PostgreSQL: a newly published version whose live runs
 * fail fast (an http step against a local server answering 500 over real HTTP, driven by the
 * real executor) is replaced by the version published before it, audited, and the on-call
 * is paged (PagerDuty Events mock) and told in Slack (Slack mock). And where it must not:
 * below the threshold, too few runs, runs after the window, switched off, a version that
 * replaced a newer one; with nothing to go back to only the telling; two checks at once
 * roll back once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentHash, type WorkflowDocument } from '@autonomic/workflow';
import type { Actor } from '@autonomic/api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTING_KEY, startPagerDutyMock, type PagerDutyMock } from '../../connectors/pagerduty-events/mock';
import { SLACK_TOKEN, startSlackMock, type SlackMock } from '../../connectors/slack/mock';
import { createHttpClient, createLiveEffects } from '../../src/adapters';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { createConnectorClient } from '../../src/connectors/client';
import type { AppContext } from '../../src/context';
import { createVirtualClock, type VirtualClock } from '../../src/engine';
import { Prisma } from '../../src/generated/prisma/client';
import { notifySettingsOf } from '../../src/services/approval-notifications';
import { createRunStarter } from '../../src/services/runs/starter';
import { createPublishService } from '../../src/services/workflows/publish';
import { createRollbackService, QUIET_MS, type RollbackPolicy } from '../../src/services/workflows/rollback';
import { createRollbackNotifier } from '../../src/services/workflows/rollback-notify';
import { fixedCredentials } from '../approval-notifications/support';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testContext } from '../support/app';
import { eventually, step, testExecutor, workflow } from '../runs/support';

const POLICY: RollbackPolicy = { burnRate: 14, windowMinutes: 60, minRuns: 5 };
const MINUTE = 60_000;

let db: TestDatabase;
let pd: PagerDutyMock;
let slack: SlackMock;
let target: Server;
let base: string;
let admin: Actor;

beforeAll(async () => {
  [db, pd, slack] = await Promise.all([createTestDatabase(), startPagerDutyMock(), startSlackMock()]);
  // The service the playbook's http step calls: /ok answers 200, anything else 500.
  target = createServer((req, res) => {
    req.resume();
    const ok = req.url === '/ok';
    res.writeHead(ok ? 200 : 500, { 'content-type': 'application/json' }).end(JSON.stringify({ ok }));
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  const user = await createUser(db.prisma, 'admin');
  admin = { userId: user.id, username: user.username, role: 'admin', via: 'token', tokenId: 'test' };
});
afterAll(async () => {
  target.close();
  await Promise.all([db.drop(), pd.close(), slack.close()]);
});

/** A context on its own virtual clock, paging through PagerDuty and telling #soc-alerts on Slack. */
function context(clock: VirtualClock = createVirtualClock({ start: Date.now() })): AppContext {
  const config = {
    PUBLIC_URL: 'http://autonomic.test',
    APPROVAL_PAGING_CREDENTIAL: 'pd-oncall',
    APPROVAL_NOTIFY_CREDENTIAL: 'slack-bot',
    APPROVAL_NOTIFY_CHANNEL: '#soc-alerts',
  };
  return { ...testContext(db.prisma, config), clock };
}

/** The policy as server.ts wires it, against the mocks. */
function policyService(ctx: AppContext, policy = POLICY) {
  const notifier = createRollbackNotifier(ctx, {
    settings: notifySettingsOf(ctx.config),
    catalog: createConnectorCatalog(),
    credentials: fixedCredentials({
      'pd-oncall': { connectorId: 'pagerduty-events', value: ROUTING_KEY, baseUrl: pd.baseUrl },
      'slack-bot': { connectorId: 'slack', value: SLACK_TOKEN, baseUrl: slack.baseUrl },
    }),
    client: createConnectorClient({
      http: createHttpClient({ allow: ['127.0.0.1'] }),
      outboundAllow: ['127.0.0.1'],
      sleep: async () => {},
    }),
  });
  return createRollbackService(ctx, { policy, notifier });
}

// start → call (GET <base>/ok or /fail)
const calling = (path: string): WorkflowDocument =>
  workflow('call', { call: step('http', { method: 'GET', url: `${base}${path}` }) });

/** A workflow whose versions (one per document) are approved; none published yet. */
async function approvedVersions(docs: WorkflowDocument[], opts: { autoRollback?: boolean } = {}) {
  const slug = `rb-${Math.random().toString(36).slice(2, 10)}`;
  const wf = await db.prisma.workflow.create({
    data: { slug, name: slug, ownerId: admin.userId, autoRollback: opts.autoRollback ?? true },
  });
  const ids: string[] = [];
  for (const [i, doc] of docs.entries()) {
    const v = await db.prisma.workflowVersion.create({
      data: {
        workflowId: wf.id,
        number: i + 1,
        document: JSON.parse(JSON.stringify(doc)),
        contentHash: contentHash(doc),
        authorId: admin.userId,
        status: 'approved',
      },
    });
    ids.push(v.id);
  }
  return { workflowId: wf.id, slug, versionIds: ids };
}

/** Finished live runs of a version, `failed` of them failed, finishing at `at`. */
async function finishedRuns(workflowId: string, versionId: string, total: number, failed: number, at: number) {
  await db.prisma.run.createMany({
    data: Array.from({ length: total }, (_, i) => ({
      workflowId,
      versionId,
      mode: 'live' as const,
      status: i < failed ? ('failed' as const) : ('succeeded' as const),
      triggerType: 'manual',
      input: {},
      createdAt: new Date(at - 1_000),
      startedAt: new Date(at - 1_000),
      finishedAt: new Date(at),
    })),
  });
}

const state = async (workflowId: string) => {
  const w = await db.prisma.workflow.findUniqueOrThrow({
    where: { id: workflowId },
    select: { publishedVersion: { select: { number: true } } },
  });
  const versions = await db.prisma.workflowVersion.findMany({
    where: { workflowId },
    orderBy: { number: 'asc' },
    select: { number: true, status: true, rolledBackAt: true, rollbackVerdict: true },
  });
  return { published: w.publishedVersion?.number ?? null, versions };
};

const audits = (workflowId: string, action: string) =>
  db.prisma.auditEvent.findMany({ where: { targetId: workflowId, action }, orderBy: { createdAt: 'asc' } });

describe('rollback by policy', () => {
  it('when a newly published version fails fast through the executor then the previous one is published again, audited, the on-call paged once, and a second check does nothing', async () => {
    const ctx = context();
    const publishing = createPublishService(ctx);
    const rollbacks = policyService(ctx);
    const http = createHttpClient({ allow: ['127.0.0.1'] });
    const effects = createLiveEffects({
      http,
      vault: { reveal: async () => undefined },
      log: pino({ level: 'silent' }),
    });
    const executor = testExecutor(ctx, db.url, effects);
    executor.events.on('run', (e) => rollbacks.onRun(e));
    const starter = createRunStarter(ctx, executor);
    await executor.start();
    try {
      const wf = await approvedVersions([calling('/ok'), calling('/fail')]);
      await publishing.publish(admin, wf.workflowId, 1);
      await publishing.publish(admin, wf.workflowId, 2);
      const [v1, v2] = wf.versionIds;
      const slackBefore = slack.messages.length;

      // Five runs of v2 fail (burn 100 % / 5 % = 20× ≥ 14× over 5 runs ≥ 5).
      for (let i = 0; i < 5; i++) {
        const out = await starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });
        expect((await executor.waitForRun(out.runId, 5_000)).status).toBe('failed');
      }
      await eventually(async () => ((await state(wf.workflowId)).published === 1 ? true : undefined));
      await rollbacks.settled();

      const after = await state(wf.workflowId);
      expect(after.versions.map((v) => v.status)).toEqual(['published', 'retired']);
      expect(after.versions[1]?.rolledBackAt).not.toBeNull();
      expect(after.versions[1]?.rollbackVerdict).toMatchObject({
        outcome: 'rolled_back',
        fromNumber: 2,
        toNumber: 1,
        burnRate: 20,
        runs: 5,
        failures: 5,
      });
      const [line, ...more] = await audits(wf.workflowId, 'workflow.rolled_back');
      expect(more).toHaveLength(0);
      expect(line?.actor).toBe('system:rollback-policy');
      expect(line?.details).toMatchObject({
        fromVersion: 2,
        toVersion: 1,
        burnRate: 20,
        runs: 5,
        failures: 5,
        window: { minutes: 60 },
        policy: POLICY,
      });
      const page = pd.alerts.get(`rollback:${v2}`);
      expect(page).toMatchObject({ status: 'triggered', triggers: 1, severity: 'critical' });
      expect(page?.summary).toContain('v2 → v1');
      const told = slack.messages.slice(slackBefore).map((m) => String(m.text));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain('20× (5 of 5 runs failed');
      expect(told[0]).toContain(`http://autonomic.test/workflows/${wf.slug}/versions`);
      expect(await audits(wf.workflowId, 'workflow.rollback_notified')).toHaveLength(2);

      // v1 runs again and succeeds; checking again rolls nothing back.
      const out = await starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });
      const again = await executor.waitForRun(out.runId, 5_000);
      expect(again.status).toBe('succeeded');
      expect(await db.prisma.run.findUniqueOrThrow({ where: { id: out.runId } })).toMatchObject({ versionId: v1 });
      expect(await rollbacks.check(wf.workflowId)).toEqual({ kind: 'skipped', reason: 'replaces_newer' });
      expect(await audits(wf.workflowId, 'workflow.rolled_back')).toHaveLength(1);
      expect(pd.alerts.get(`rollback:${v2}`)?.triggers).toBe(1);
    } finally {
      await executor.stop();
      await rollbacks.stop();
      await http.close();
    }
  });

  it('when an admin publishes the rolled-back version again then the policy leaves it published', async () => {
    const ctx = context();
    const publishing = createPublishService(ctx);
    const rollbacks = policyService(ctx);
    const wf = await approvedVersions([calling('/ok'), calling('/fail')]);
    const [, v2] = wf.versionIds;
    await publishing.publish(admin, wf.workflowId, 1);
    await publishing.publish(admin, wf.workflowId, 2);
    await finishedRuns(wf.workflowId, v2 ?? '', 6, 6, ctx.clock.now());
    expect(await rollbacks.check(wf.workflowId)).toMatchObject({ kind: 'decided' });

    await publishing.publish(admin, wf.workflowId, 2);
    await finishedRuns(wf.workflowId, v2 ?? '', 6, 6, ctx.clock.now());
    expect(await rollbacks.check(wf.workflowId)).toEqual({ kind: 'skipped', reason: 'decided' });
    expect((await state(wf.workflowId)).published).toBe(2);
  });

  it.each([
    ['failures below the threshold', 10, 5, 'below_threshold'], // 50 % / 5 % = 10× < 14×
    ['fewer runs than the minimum', 4, 4, 'too_few_runs'],
  ] as const)('when %s then nothing is rolled back', async (_, total, failed, reason) => {
    const ctx = context();
    const publishing = createPublishService(ctx);
    const wf = await approvedVersions([calling('/ok'), calling('/fail')]);
    await publishing.publish(admin, wf.workflowId, 1);
    await publishing.publish(admin, wf.workflowId, 2);
    await finishedRuns(wf.workflowId, wf.versionIds[1] ?? '', total, failed, ctx.clock.now());

    expect(await policyService(ctx).check(wf.workflowId)).toEqual({ kind: 'skipped', reason });
    expect((await state(wf.workflowId)).published).toBe(2);
    expect(await audits(wf.workflowId, 'workflow.rolled_back')).toHaveLength(0);
  });

  it('when the failing runs finish after the window then nothing is rolled back', async () => {
    const clock = createVirtualClock({ start: Date.now() });
    const ctx = context(clock);
    const publishing = createPublishService(ctx);
    const wf = await approvedVersions([calling('/ok'), calling('/fail')]);
    await publishing.publish(admin, wf.workflowId, 1);
    await publishing.publish(admin, wf.workflowId, 2);
    clock.advance(61 * MINUTE);
    await finishedRuns(wf.workflowId, wf.versionIds[1] ?? '', 10, 10, clock.now());

    expect(await policyService(ctx).check(wf.workflowId)).toEqual({ kind: 'skipped', reason: 'outside_window' });
    // A sweep looks only at versions still in their window.
    expect(await policyService(ctx).sweep()).toBe(0);
    expect((await state(wf.workflowId)).published).toBe(2);
  });

  it('when failures are stamped after the window then only the runs inside it count', async () => {
    const clock = createVirtualClock({ start: Date.now() });
    const ctx = context(clock);
    const publishing = createPublishService(ctx);
    const wf = await approvedVersions([calling('/ok'), calling('/fail')]);
    await publishing.publish(admin, wf.workflowId, 1);
    await publishing.publish(admin, wf.workflowId, 2);
    const published = clock.now();
    await finishedRuns(wf.workflowId, wf.versionIds[1] ?? '', 5, 0, published + 10 * MINUTE);
    // Failures stamped after the window (a clock skew, a late commit) are not counted.
    await finishedRuns(wf.workflowId, wf.versionIds[1] ?? '', 20, 20, published + 70 * MINUTE);
    clock.advance(30 * MINUTE);

    expect(await policyService(ctx).check(wf.workflowId)).toEqual({ kind: 'skipped', reason: 'below_threshold' });
  });

  it('when auto-rollback is off then a version that fails fast stays published', async () => {
    const ctx = context();
    const publishing = createPublishService(ctx);
    const wf = await approvedVersions([calling('/ok'), calling('/fail')], { autoRollback: false });
    await publishing.publish(admin, wf.workflowId, 1);
    await publishing.publish(admin, wf.workflowId, 2);
    await finishedRuns(wf.workflowId, wf.versionIds[1] ?? '', 10, 10, ctx.clock.now());

    expect(await policyService(ctx).check(wf.workflowId)).toEqual({ kind: 'skipped', reason: 'off' });
    expect((await state(wf.workflowId)).published).toBe(2);
  });

  it('when a workflow was found not watched then its run ends skip the check for QUIET_MS, and the first one after it rolls a failing version back', async () => {
    const clock = createVirtualClock({ start: Date.now() });
    const ctx = context(clock);
    const publishing = createPublishService(ctx);
    const rollbacks = policyService(ctx);
    const wf = await approvedVersions([calling('/ok'), calling('/fail')]);
    await publishing.publish(admin, wf.workflowId, 1);
    clock.advance(61 * MINUTE);
    const ended = { workflowId: wf.workflowId, status: 'failed', local: true };
    rollbacks.onRun(ended); // v1 is out of its window: quiet from now on
    await rollbacks.settled();

    await publishing.publish(admin, wf.workflowId, 2);
    await finishedRuns(wf.workflowId, wf.versionIds[1] ?? '', 10, 10, clock.now());
    rollbacks.onRun(ended);
    await rollbacks.settled();
    expect((await state(wf.workflowId)).published).toBe(2);

    clock.advance(QUIET_MS);
    rollbacks.onRun(ended);
    await rollbacks.settled();
    expect((await state(wf.workflowId)).published).toBe(1);
  });

  it('when there is no earlier version then it stays published, the on-call is paged and the audit says why', async () => {
    const ctx = context();
    const publishing = createPublishService(ctx);
    const wf = await approvedVersions([calling('/fail')]);
    await publishing.publish(admin, wf.workflowId, 1);
    await finishedRuns(wf.workflowId, wf.versionIds[0] ?? '', 8, 8, ctx.clock.now());
    const rollbacks = policyService(ctx);

    expect(await rollbacks.check(wf.workflowId)).toMatchObject({
      kind: 'decided',
      verdict: { outcome: 'no_previous', toNumber: null, runs: 8, failures: 8 },
    });
    expect(await rollbacks.check(wf.workflowId)).toEqual({ kind: 'skipped', reason: 'decided' });
    const after = await state(wf.workflowId);
    expect(after.published).toBe(1);
    expect(after.versions[0]).toMatchObject({ status: 'published', rolledBackAt: null });
    const lines = await audits(wf.workflowId, 'workflow.rollback_not_possible');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.details).toMatchObject({
      fromVersion: 1,
      toVersion: null,
      reason: expect.stringContaining('no previous'),
    });
    expect(await audits(wf.workflowId, 'workflow.rolled_back')).toHaveLength(0);
    expect(pd.alerts.get(`rollback:${wf.versionIds[0]}`)).toMatchObject({ triggers: 1 });
  });

  it('when an older version is published by hand (a rollback) then the policy never rolls it back', async () => {
    const ctx = context();
    const publishing = createPublishService(ctx);
    const wf = await approvedVersions([calling('/fail'), calling('/ok')]);
    await publishing.publish(admin, wf.workflowId, 1);
    await publishing.publish(admin, wf.workflowId, 2);
    await publishing.publish(admin, wf.workflowId, 1);
    await finishedRuns(wf.workflowId, wf.versionIds[0] ?? '', 10, 10, ctx.clock.now());

    expect(await policyService(ctx).check(wf.workflowId)).toEqual({ kind: 'skipped', reason: 'replaces_newer' });
    expect((await state(wf.workflowId)).published).toBe(1);
  });

  it('when no run finished in this process then the sweep finds the version in its window and rolls it back', async () => {
    const ctx = context();
    const publishing = createPublishService(ctx);
    const wf = await approvedVersions([calling('/ok'), calling('/fail')]);
    await publishing.publish(admin, wf.workflowId, 1);
    await publishing.publish(admin, wf.workflowId, 2);
    await finishedRuns(wf.workflowId, wf.versionIds[1] ?? '', 7, 7, ctx.clock.now());
    const rollbacks = policyService(ctx);

    expect(await rollbacks.sweep()).toBeGreaterThanOrEqual(1);
    await rollbacks.settled();

    expect((await state(wf.workflowId)).published).toBe(1);
    // Decided versions leave the sweep.
    const swept = await db.prisma.workflowVersion.findMany({ where: { rollbackVerdict: { not: Prisma.DbNull } } });
    expect(swept.map((v) => v.id)).toContain(wf.versionIds[1]);
    expect(await policyService(ctx).check(wf.workflowId)).toEqual({ kind: 'skipped', reason: 'replaces_newer' });
  });

  it('when two processes check at once then exactly one rolls back and one page goes out', async () => {
    const ctx = context();
    const publishing = createPublishService(ctx);
    const wf = await approvedVersions([calling('/ok'), calling('/fail')]);
    await publishing.publish(admin, wf.workflowId, 1);
    await publishing.publish(admin, wf.workflowId, 2);
    await finishedRuns(wf.workflowId, wf.versionIds[1] ?? '', 9, 9, ctx.clock.now());
    const [a, b] = [policyService(ctx), policyService(ctx)];

    const outcomes = await Promise.all([a.check(wf.workflowId), b.check(wf.workflowId)]);

    expect(outcomes.filter((o) => o.kind === 'decided')).toHaveLength(1);
    expect(outcomes.find((o) => o.kind === 'skipped')).toMatchObject({
      reason: expect.stringMatching(/^(moved|decided|replaces_newer)$/),
    });
    expect((await state(wf.workflowId)).published).toBe(1);
    expect(await audits(wf.workflowId, 'workflow.rolled_back')).toHaveLength(1);
    expect(pd.alerts.get(`rollback:${wf.versionIds[1]}`)?.triggers).toBe(1);
  });
});
