/**
 * Approvals reach people, against the Slack and PagerDuty mocks over real HTTP: the
 * opening message with signed links, deciding through a link once, the link's owner,
 * expiry and the reminder (on the virtual clock), paging break glass on escalation.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, SLACK_TOKEN, startSlackMock, type SlackMock } from '../../connectors/slack/mock';
import { ROUTING_KEY, startPagerDutyMock, type PagerDutyMock } from '../../connectors/pagerduty-events/mock';
import { createVirtualClock } from '../../src/engine';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser } from '../support/app';
import { eventually } from '../runs/support';
import { linksIn, notifyRuntime, startAsking as ask } from './support';

let db: TestDatabase;
let slack: SlackMock;
let pd: PagerDutyMock;
beforeAll(async () => {
  [db, slack, pd] = await Promise.all([createTestDatabase(), startSlackMock(), startPagerDutyMock()]);
});
afterAll(async () => {
  await Promise.all([db.drop(), slack.close(), pd.close()]);
});

const credentials = () => ({
  'slack-bot': { connectorId: 'slack', value: SLACK_TOKEN, baseUrl: slack.baseUrl },
  'pd-oncall': { connectorId: 'pagerduty-events', value: ROUTING_KEY, baseUrl: pd.baseUrl },
});

/** A runtime with the notifier wired like server.ts, on a virtual clock (Slack, PagerDuty). */
const setup = (signedOnly = false, routes: string[] = [], clock = createVirtualClock({ start: Date.now() })) =>
  notifyRuntime(
    db,
    credentials(),
    {
      APPROVAL_NOTIFY_CREDENTIAL: 'slack-bot',
      APPROVAL_NOTIFY_CHANNEL: '#soc-alerts',
      APPROVAL_NOTIFY_ROUTES: ['role:admin=#soc-handoff', ...routes],
      APPROVAL_PAGING_CREDENTIAL: 'pd-oncall',
      APPROVAL_LINKS_SIGNED_ONLY: signedOnly,
    },
    clock,
  );

// start → ask (lead; after 10 min break glass: on-call) ─approved→ done; and the lead's Slack message
async function startAsking(
  rt: Awaited<ReturnType<typeof setup>>,
  options: { leadName?: string; waitForMessage?: boolean } = {},
) {
  const before = slack.messages.length;
  const asked = await ask(db, rt, options.leadName ? { leadName: options.leadName } : {});
  // Tests run one at a time: the first message posted since is this task's.
  const message =
    options.waitForMessage === false
      ? (undefined as never)
      : await eventually(async () =>
          slack.messages.slice(before).find((m) => String(m.text).includes('approval-link')),
        );
  return { ...asked, message };
}

describe('approval notifications and signed links', () => {
  it('when a task opens then the approver gets a Slack message with signed links, GET changes nothing, the link decides once and the run continues', async () => {
    const rt = await setup();
    const { lead, oncall, task, message } = await startAsking(rt);
    expect(message.channel).toBe(Object.keys(CHANNELS).find((id) => CHANNELS[id] === 'soc-alerts'));
    expect(String(message.text)).toContain('Block 203.0.113.66 at the edge?');
    expect(String(message.text)).toContain('step `ask`');
    const { approve, approveToken, rejectToken } = linksIn(message.text);
    expect(approve).toMatch(/^http:\/\/autonomic\.test\/approval-link\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(rejectToken).not.toBe(approveToken);
    expect(JSON.stringify(message.blocks)).toContain(approve);

    // GET shows what it would decide and changes nothing.
    const shown = await request(rt.app).get(`/api/approval-links/${approveToken}`).set('Authorization', lead.auth);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      decision: 'approved',
      username: lead.username,
      taskStatus: 'pending',
      signInRequired: true,
    });
    const still = await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(still.status).toBe('pending');
    expect(await db.prisma.approvalLink.count({ where: { taskId: task.taskId, usedAt: { not: null } } })).toBe(0);

    // Another approver's session, no session, a forged token.
    const other = await request(rt.app)
      .post(`/api/approval-links/${approveToken}`)
      .set('Authorization', oncall.auth)
      .send({});
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('link_not_yours');
    const anonymous = await request(rt.app).post(`/api/approval-links/${approveToken}`).send({});
    expect(anonymous.status).toBe(401);
    const forged = `${approveToken.slice(0, 37)}${'A'.repeat(43)}`;
    expect((await request(rt.app).get(`/api/approval-links/${forged}`).set('Authorization', lead.auth)).status).toBe(
      404,
    );

    const decided = await request(rt.app)
      .post(`/api/approval-links/${approveToken}`)
      .set('Authorization', lead.auth)
      .send({ comment: 'seen in the SIEM' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ decision: 'approved', taskStatus: 'approved' });
    await eventually(() =>
      db.prisma.run.findFirst({ where: { id: task.runId, status: 'succeeded' } }).then((r) => r ?? undefined),
    );

    const again = await request(rt.app)
      .post(`/api/approval-links/${approveToken}`)
      .set('Authorization', lead.auth)
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('link_used');
    expect(again.body.error.message).toMatch(/already used/);

    const audit = await db.prisma.auditEvent.findMany({
      where: { targetId: task.taskId },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['approval.notified', 'approval.decided', 'approval.link_used']),
    );
    expect(audit.find((a) => a.action === 'approval.notified')?.details).toMatchObject({
      kind: 'opened',
      channel: 'slack',
      recipient: '#soc-alerts',
      audience: `user:${lead.username}`,
      ok: true,
    });
    // The token itself is nowhere in the audit log.
    expect(JSON.stringify(audit)).not.toContain(approveToken.split('.')[1]);

    const view = await request(rt.app).get(`/api/approvals/${task.id}`).set('Authorization', lead.auth);
    expect(view.status).toBe(200);
    expect(view.body.notifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'opened',
          status: 'sent',
          channel: 'slack',
          audience: `user:${lead.username}`,
        }),
        expect.objectContaining({ kind: 'reminder', status: 'skipped' }),
      ]),
    );
    await rt.stop();
  });

  it('when the task escalates to break glass then the on-call is told and paged once, and a reminder went out before', async () => {
    const rt = await setup();
    const { oncall, task } = await startAsking(rt);
    const before = slack.messages.length;

    rt.clock.advance(10 * 60_000);
    const paged = await eventually(async () => pd.alerts.get(`approval:${task.taskId}:1`));
    expect(paged).toMatchObject({ status: 'triggered', severity: 'critical', triggers: 1 });
    const told = await eventually(async () =>
      slack.messages.slice(before).find((m) => String(m.text).startsWith('*Escalated')),
    );
    expect(String(told.text)).toContain('escalation level 1: on-call');
    const { approveToken } = linksIn(told.text);
    const shown = await request(rt.app).get(`/api/approval-links/${approveToken}`).set('Authorization', oncall.auth);
    expect(shown.body).toMatchObject({ username: oncall.username, decision: 'approved' });

    // 75 % of the hour: the reminder (the level-0 approver's) goes out.
    rt.clock.advance(35 * 60_000);
    const reminded = await eventually(async () =>
      slack.messages.slice(before).find((m) => String(m.text).startsWith('*Reminder')),
    );
    expect(String(reminded.text)).toContain('Time left: 15 min');

    const pages = await db.prisma.approvalNotification.findMany({ where: { taskId: task.taskId, kind: 'page' } });
    expect(pages).toMatchObject([{ status: 'sent', channel: 'pagerduty-events', level: 1 }]);
    await rt.stop();
  });

  it('when the link is used after the deadline then it is refused as expired (410)', async () => {
    const rt = await setup(true);
    const { message, task } = await startAsking(rt);
    const { rejectToken } = linksIn(message.text);
    rt.clock.advance(60 * 60_000);
    await eventually(() =>
      db.prisma.approvalTask.findFirst({ where: { id: task.id, status: 'timed_out' } }).then((t) => t ?? undefined),
    );
    const late = await request(rt.app).post(`/api/approval-links/${rejectToken}`).send({});
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('link_expired');
    await rt.stop();
  });

  it('when signed links alone are allowed then the link decides without a session, as its approver', async () => {
    const rt = await setup(true);
    const { message, task, lead } = await startAsking(rt);
    const { rejectToken } = linksIn(message.text);
    const res = await request(rt.app).post(`/api/approval-links/${rejectToken}`).send({});
    expect(res.status).toBe(200);
    const row = await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.status).toBe('rejected');
    expect(row.decisions).toMatchObject([{ username: lead.username, decision: 'rejected' }]);
    await rt.stop();
  });

  it('when the server restarts before the reminder is due then the next process sends it at its time', async () => {
    const clock = createVirtualClock({ start: Date.now() });
    const first = await setup(false, [], clock);
    const { task, lead } = await startAsking(first);
    await first.stop();
    const before = slack.messages.length;

    clock.advance(45 * 60_000);
    const second = await setup(false, [], clock);
    const reminded = await eventually(async () =>
      slack.messages.slice(before).find((m) => String(m.text).startsWith('*Reminder')),
    );
    expect(String(reminded.text)).toContain('Approve: http://autonomic.test/approval-link/');
    const rows = await db.prisma.approvalNotification.findMany({ where: { taskId: task.taskId, kind: 'reminder' } });
    expect(rows).toMatchObject([{ status: 'sent', audience: `user:${lead.username}` }]);
    await second.stop();
  });

  it('when Slack refuses the message then the vendor error is recorded on the task and audited, after the retries', async () => {
    const name = `lead-${Date.now().toString(36)}`;
    const rt = await setup(false, [`${name}=#no-such-channel`]);
    const { task } = await startAsking(rt, { leadName: name, waitForMessage: false });
    // An attempt is over once it is audited (its retry time is stored before).
    const attempts = (n: number) =>
      eventually(() =>
        db.prisma.auditEvent
          .count({ where: { targetId: task.taskId, action: 'approval.notified' } })
          .then((c) => (c >= n ? c : undefined)),
      );
    await attempts(1);
    rt.clock.advance(1_000); // the second attempt is due 1 s after the first
    await attempts(2);
    rt.clock.advance(2_000); // the third 2 s after the second
    const failed = await eventually(() =>
      db.prisma.approvalNotification
        .findFirst({ where: { taskId: task.taskId, kind: 'opened', status: 'failed' } })
        .then((n) => n ?? undefined),
    );
    expect(failed).toMatchObject({ channel: 'slack', recipient: '#no-such-channel', attempts: 3 });
    expect(failed.error).toMatch(/channel_not_found/);
    const audited = await db.prisma.auditEvent.findMany({
      where: { targetId: task.taskId, action: 'approval.notified' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audited.map((a) => a.details)).toMatchObject([
      { ok: false, final: false },
      { ok: false, final: false },
      { ok: false, final: true, error: expect.stringMatching(/channel_not_found/) },
    ]);
    const view = await request(rt.app)
      .get(`/api/approvals/${task.id}`)
      .set('Authorization', (await createUser(db.prisma, 'admin')).auth);
    expect(view.body.notifications).toContainEqual(
      expect.objectContaining({ kind: 'opened', status: 'failed', error: expect.stringMatching(/channel_not_found/) }),
    );
    await rt.stop();
  });
});
