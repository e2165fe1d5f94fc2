import { randomInt } from 'node:crypto';
import { listAudit, signedWebhook } from '../fixtures/api';
import { containmentPlaybook, gatewayCredential, reviewAndPublish } from '../fixtures/playbooks';
import { startReceiver, type ReceivedCall } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';
import { ApprovalLinkPage } from '../pages/ApprovalLinkPage';
import { APPROVAL_SLACK_CREDENTIAL } from '../support/server';

/** The receiver answering `chat.postMessage` as Slack does (the connector checks the reply's shape). */
function slackOrGateway(call: ReceivedCall): unknown {
  if (call.path !== '/api/chat.postMessage') return { ok: true, reputation: 'malicious' };
  const ts = `1733420000.${String(Date.now() % 1_000_000).padStart(6, '0')}`;
  return { ok: true, channel: 'C024BE91L', ts, message: { type: 'message', subtype: 'bot_message', ts } };
}

const textOf = (call: ReceivedCall): string =>
  typeof call.body === 'object' && call.body !== null && 'text' in call.body ? String(call.body.text) : '';

test('when a task opens then the approver receives a Slack message, opens its approve link, confirms, and the run continues', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}) => {
  const receiver = await startReceiver(slackOrGateway);
  try {
    const ip = `198.51.100.${randomInt(1, 255)}`;
    const admin = await apiAs('admin');
    const known = await admin.get<{ credentials: { name: string }[] }>('/credentials');
    // The server sends approval messages with this credential (support/server.ts); here it points at the receiver.
    expect(known.credentials.map((c) => c.name)).not.toContain(APPROVAL_SLACK_CREDENTIAL);
    await admin.createCredential({
      name: APPROVAL_SLACK_CREDENTIAL,
      connectorId: 'slack',
      mode: 'live',
      value: 'xoxb-1111111111-2222222222-e2eTOKENvalue',
      baseUrl: receiver.url,
    });
    const [alice, bob, carol] = await Promise.all([apiAs('alice'), apiAs('bob'), apiAs('carol')]);
    const document = containmentPlaybook(uniqueName('E2E approval link'), {
      receiverUrl: receiver.url,
      credential: await gatewayCredential(admin, receiver.url),
      approval: { approver: 'carol', timeout: '10m' },
    });
    const { workflowId, version } = await alice.createWorkflow(document, 'e2e: approve from the message');
    await reviewAndPublish(alice, [bob, carol], workflowId, version);
    const secret = await alice.setWebhookSecret(workflowId);

    const hook = await signedWebhook(serverURL, workflowId, secret, { src_ip: ip });
    expect(hook.status).toBe(202);
    const runId = hook.body.runId ?? '';
    await expect.poll(async () => (await alice.getRun(runId)).status, { timeout: 15_000 }).toBe('waiting');

    // The message reaches "Slack": the question, the step, and carol's two signed links.
    let text = '';
    await expect
      .poll(
        () => {
          text =
            receiver
              .callsTo('/api/chat.postMessage')
              .map(textOf)
              .find((t) => t.includes(`Block ${ip}?`)) ?? '';
          return text;
        },
        { timeout: 15_000 },
      )
      .not.toBe('');
    expect(text).toContain('step `ask`');
    const approve = /Approve: (\S+)/.exec(text)?.[1] ?? '';
    expect(approve).toMatch(/\/approval-link\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

    // carol opens the link: it shows what it decides; opening it decided nothing.
    await loginAs(page, 'carol');
    const link = new ApprovalLinkPage(page);
    await link.open(approve);
    await expect(link.heading).toHaveText('Approve: step ask');
    await expect(link.message).toHaveText(`Block ${ip}?`);
    expect((await alice.getRun(runId)).status).toBe('waiting');

    await link.confirmWith('Seen in the message; block it.');
    await expect.poll(async () => (await alice.getRun(runId)).status, { timeout: 15_000 }).toBe('succeeded');
    expect(receiver.callsTo('/block')).toHaveLength(1);

    // The link decided once: opened again, it says so.
    await page.goto(approve);
    await expect(link.error).toContainText('already used');

    const taskId = (await alice.getRun(runId)).approvals[0]?.taskId ?? '';
    const log = await listAudit(await apiAs('dave'), { targetType: 'approval_task', targetId: taskId });
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining(['approval.notified', 'approval.decided', 'approval.link_used']),
    );
  } finally {
    await receiver.close();
  }
});
