/**
 * Approval messages through the other carriers, over real transports on 127.0.0.1: e-mail
 * (SMTP to the sink) with the approver's own signed links to the routed address, whose
 * link decides once; Microsoft Teams (its webhook mock), a shared channel that gets the
 * inbox link and never a user's links, and a route to one person's chat that gets them.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTP_PASSWORD, SMTP_USER, startSmtpSink, type SmtpSink } from '../../connectors/email-smtp/mock';
import { startTeamsMock, type TeamsMock } from '../../connectors/microsoft-teams/mock';
import { SHARED_CHANNEL_NOTE } from '../../src/services/approval-notifications/message';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually } from '../runs/support';
import { linksIn, notifyRuntime, startAsking, type TestCredential } from './support';

let db: TestDatabase;
let smtp: SmtpSink;
let teams: TeamsMock;
beforeAll(async () => {
  [db, smtp, teams] = await Promise.all([createTestDatabase(), startSmtpSink(), startTeamsMock()]);
});
afterAll(async () => {
  await Promise.all([db.drop(), smtp.close(), teams.close()]);
});

const credentials = (): Record<string, TestCredential> => ({
  'mail-relay': {
    connectorId: 'email-smtp',
    value: `${SMTP_USER}:${SMTP_PASSWORD}`,
    settings: { host: '127.0.0.1', port: String(smtp.port), security: 'none', from: 'soar@acme.example' },
  },
  // The SOC channel's Incoming Webhook, and a Workflows webhook that posts to one person's chat.
  'teams-soc': {
    connectorId: 'microsoft-teams',
    value: teams.connectorUrl,
    baseUrl: teams.baseUrl,
    settings: { host: 'acme.webhook.office.com' },
  },
  'teams-lead-chat': {
    connectorId: 'microsoft-teams',
    value: teams.workflowUrl,
    baseUrl: teams.baseUrl,
    settings: { host: 'prod-12.westeurope.logic.azure.com' },
  },
});

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The texts of a Teams message's card and the URLs of its buttons. */
function cardOf(message: Record<string, unknown> | undefined) {
  const attachments = (message?.['attachments'] ?? []) as Array<{ content: Record<string, unknown> }>;
  const content = attachments[0]?.content ?? {};
  const body = (content['body'] ?? []) as Array<{ text?: string }>;
  const actions = (content['actions'] ?? []) as Array<{ title: string; url: string }>;
  return { text: body.map((b) => b.text ?? '').join('\n'), buttons: actions };
}

describe('approval messages by e-mail and Microsoft Teams', () => {
  it('when a task opens with an e-mail route then the approver receives their own signed links at that address and a link decides once', async () => {
    const name = unique('lead');
    const address = `${name}@acme.example`;
    const rt = await notifyRuntime(db, credentials(), {
      APPROVAL_NOTIFY_CREDENTIAL: 'mail-relay',
      APPROVAL_NOTIFY_CHANNEL: 'soc@acme.example',
      APPROVAL_NOTIFY_ROUTES: [`${name}=${address}`],
    });
    const { lead, oncall, task } = await startAsking(db, rt, { leadName: name });

    const got = await eventually(async () => smtp.received.find((m) => m.to.includes(address)));
    expect(got.to).toEqual([address]);
    expect(got.from).toBe('soar@acme.example');
    expect(got.mail.subject).toMatch(/^Approval needed: .* \(ask\)$/);
    const text = got.mail.text ?? '';
    expect(text).toContain('Block 203.0.113.66 at the edge?');
    const { approve, approveToken, rejectToken } = linksIn(text);
    expect(approve).toMatch(/^http:\/\/autonomic\.test\/approval-link\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(rejectToken).not.toBe(approveToken);
    // Nothing went to the default address: the lead's route took it.
    expect(smtp.received.filter((m) => m.to.includes('soc@acme.example'))).toEqual([]);

    // The link in the mail is the lead's: shown to them, refused to the on-call.
    const shown = await request(rt.app).get(`/api/approval-links/${approveToken}`).set('Authorization', lead.auth);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ decision: 'approved', username: lead.username, taskStatus: 'pending' });
    const notTheirs = await request(rt.app)
      .post(`/api/approval-links/${approveToken}`)
      .set('Authorization', oncall.auth)
      .send({});
    expect(notTheirs.status).toBe(403);

    const decided = await request(rt.app)
      .post(`/api/approval-links/${approveToken}`)
      .set('Authorization', lead.auth)
      .send({ comment: 'from the mail' });
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
    const row = await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.decisions).toMatchObject([{ username: lead.username, decision: 'approved' }]);

    const notified = await db.prisma.auditEvent.findFirst({
      where: { targetId: task.taskId, action: 'approval.notified' },
    });
    expect(notified?.details).toMatchObject({
      kind: 'opened',
      channel: 'email-smtp',
      recipient: address,
      audience: `user:${lead.username}`,
      ok: true,
    });
    // The relay's password is in no audit detail.
    expect(JSON.stringify(notified)).not.toContain(SMTP_PASSWORD);
    await rt.stop();
  });

  it('when a task opens with the Teams channel webhook then the card carries the inbox link and says why, and no signed link is posted', async () => {
    const rt = await notifyRuntime(db, credentials(), {
      APPROVAL_NOTIFY_CREDENTIAL: 'teams-soc',
      APPROVAL_NOTIFY_CHANNEL: 'SOC / Approvals',
    });
    const before = teams.posted.length;
    const { lead, task } = await startAsking(db, rt);

    const posted = await eventually(async () =>
      teams.posted.slice(before).find((m) => cardOf(m).text.includes('Block 203.0.113.66 at the edge?')),
    );
    // It went to the channel's Incoming Webhook, which answers `1` to a valid card only.
    const call = teams.calls.find((c) => c.path.includes('/IncomingWebhook/') && c.body.includes('203.0.113.66'));
    expect(call?.method).toBe('POST');
    const card = cardOf(posted);
    expect(card.text).toContain('Approval needed');
    expect(card.text).toContain(SHARED_CHANNEL_NOTE);
    expect(card.text).toContain('Inbox: http://autonomic.test/approvals');
    expect(card.text).not.toContain('approval-link');
    expect(card.buttons).toEqual([
      { type: 'Action.OpenUrl', title: 'Open the inbox', url: 'http://autonomic.test/approvals' },
    ]);
    expect(JSON.stringify(posted)).not.toContain('/approval-link/');
    // No link was even made for the lead.
    expect(await db.prisma.approvalLink.count({ where: { taskId: task.taskId } })).toBe(0);

    const notified = await eventually(() =>
      db.prisma.approvalNotification
        .findFirst({ where: { taskId: task.taskId, kind: 'opened', status: 'sent' } })
        .then((n) => n ?? undefined),
    );
    expect(notified).toMatchObject({
      channel: 'microsoft-teams',
      recipient: 'SOC / Approvals',
      audience: `user:${lead.username}`,
    });
    // The webhook URL (the credential) is nowhere in the audit log.
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: task.taskId } });
    expect(JSON.stringify(audit)).not.toContain(teams.connectorUrl.split('/IncomingWebhook/')[1] ?? '?');
    await rt.stop();
  });

  it("when the approver's route names their Teams chat then the card there has their own approve and reject buttons, and the link works", async () => {
    const name = unique('lead');
    const rt = await notifyRuntime(db, credentials(), {
      APPROVAL_NOTIFY_CREDENTIAL: 'teams-soc',
      APPROVAL_NOTIFY_CHANNEL: 'SOC / Approvals',
      APPROVAL_NOTIFY_ROUTES: [`${name}=chat:teams-lead-chat`],
    });
    const before = teams.calls.length;
    const { lead, task } = await startAsking(db, rt, { leadName: name });

    const call = await eventually(async () =>
      teams.calls.slice(before).find((c) => c.path.startsWith('/workflows/') && c.body.includes('203.0.113.66')),
    );
    // Through the chat's Workflows webhook, not the channel's.
    expect(teams.calls.slice(before).filter((c) => c.path.includes('/IncomingWebhook/'))).toEqual([]);
    const card = cardOf(JSON.parse(call.body) as Record<string, unknown>);
    expect(card.text).not.toContain(SHARED_CHANNEL_NOTE);
    const approve = card.buttons.find((b) => b.title === 'Approve')?.url ?? '';
    const reject = card.buttons.find((b) => b.title === 'Reject')?.url ?? '';
    expect(approve).toMatch(/^http:\/\/autonomic\.test\/approval-link\//);
    expect(reject).toMatch(/^http:\/\/autonomic\.test\/approval-link\//);
    expect(linksIn(card.text).approve).toBe(approve);

    const rejectToken = reject.split('/approval-link/')[1] ?? '';
    const shown = await request(rt.app).get(`/api/approval-links/${rejectToken}`).set('Authorization', lead.auth);
    expect(shown.body).toMatchObject({ decision: 'rejected', username: lead.username, taskStatus: 'pending' });
    const decided = await request(rt.app)
      .post(`/api/approval-links/${rejectToken}`)
      .set('Authorization', lead.auth)
      .send({});
    expect(decided.status).toBe(200);
    const row = await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.status).toBe('rejected');
    const sent = await db.prisma.approvalNotification.findFirst({ where: { taskId: task.taskId, kind: 'opened' } });
    expect(sent).toMatchObject({ status: 'sent', channel: 'microsoft-teams', recipient: 'chat:teams-lead-chat' });
    await rt.stop();
  });

  it('when a chat route names a credential that is not a Teams webhook then the message fails with that reason on the task', async () => {
    const name = unique('lead');
    const rt = await notifyRuntime(db, credentials(), {
      APPROVAL_NOTIFY_CREDENTIAL: 'teams-soc',
      APPROVAL_NOTIFY_ROUTES: [`${name}=chat:mail-relay`],
    });
    const mailed = smtp.attempts;
    const { task } = await startAsking(db, rt, { leadName: name });
    const first = await eventually(() =>
      db.prisma.auditEvent
        .findFirst({ where: { targetId: task.taskId, action: 'approval.notified' } })
        .then((a) => a ?? undefined),
    );
    expect(first.details).toMatchObject({
      ok: false,
      recipient: 'chat:mail-relay',
      error: "credential 'mail-relay' of the route is not a microsoft-teams webhook",
    });
    // The relay was not used in the chat's stead.
    expect(smtp.attempts).toBe(mailed);
    await rt.stop();
  });
});
