import { randomInt } from 'node:crypto';
import { signedWebhook } from '../fixtures/api';
import { containmentPlaybook, gatewayCredential, reviewAndPublish } from '../fixtures/playbooks';
import { startReceiver } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { RunDetailPage } from '../pages/RunDetailPage';
import { RunsPage } from '../pages/RunsPage';

test('when a signed webhook starts a containment run then it shows up live, waits for the approver, and blocks the IP exactly once at the firewall', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}, testInfo) => {
  test.slow(); // a live run with enrichment, an approval and a containment call
  const receiver = await startReceiver();
  try {
    const ip = `203.0.113.${randomInt(1, 255)}`;
    const [alice, bob, carol] = await Promise.all([apiAs('alice'), apiAs('bob'), apiAs('carol')]);
    const name = uniqueName('E2E live block');
    const credential = await gatewayCredential(await apiAs('admin'), receiver.url);
    const document = containmentPlaybook(name, {
      receiverUrl: receiver.url,
      credential,
      enrich: true,
      approval: { approver: 'oncall' },
    });
    const { workflowId, version } = await alice.createWorkflow(document, 'e2e: enrich, ask, block');
    await reviewAndPublish(alice, [bob, carol], workflowId, version);
    const secret = await alice.setWebhookSecret(workflowId);

    // The approver watches the runs list of this playbook before the alert comes in.
    await loginAs(page, 'oncall');
    const runs = new RunsPage(page);
    await runs.goto(`workflowId=${workflowId}`);
    await expect(runs.table.or(page.getByText(/no runs/i)).first()).toBeVisible();

    const hook = await signedWebhook(serverURL, workflowId, secret, { src_ip: ip, alert_id: 'L-1' });
    expect(hook.status).toBe(202);
    const runId = hook.body.runId ?? '';
    expect(runId).not.toBe('');

    // The row appears and reaches "waiting" without a reload (server-sent events).
    await expect(runs.row(runId)).toBeVisible({ timeout: 15_000 });
    await expect(runs.row(runId)).toContainText('waiting', { timeout: 20_000 });
    expect(receiver.callsTo('/block')).toHaveLength(0);
    expect(receiver.callsTo(`/intel/${ip}`)).toHaveLength(1);

    // The task reaches the approver, who approves it.
    const approvals = new ApprovalsPage(page);
    await approvals.goto();
    await expect(approvals.taskOfRun(runId)).toContainText(`Block ${ip}?`);
    await approvals.decide(runId, 'approve', 'Confirmed malicious.');

    // The run completes; the run page, opened while it finishes, shows the end.
    const run = new RunDetailPage(page);
    await run.goto(runId);
    await expect(run.status).toContainText('succeeded', { timeout: 20_000 });
    await expect(run.message).toContainText(`Blocked ${ip}`);
    await expect(run.step('block')).toBeVisible();

    // Exactly one block call, with the IP and the idempotency key in header and body.
    const blocks = receiver.callsTo('/block');
    expect(blocks).toHaveLength(1);
    const call = blocks[0];
    const body = call?.body as {
      action: string;
      target: string;
      reason: string;
      runId: string;
      idempotencyKey: string;
    };
    expect(call?.method).toBe('POST');
    expect(body.action).toBe('block-ip');
    expect(body.target).toBe(ip);
    expect(body.reason).toBe(`Malicious source ${ip}`);
    expect(body.runId).toBe(runId);
    expect(body.idempotencyKey).toMatch(/\S{8,}/);
    expect(call?.headers['idempotency-key']).toBe(body.idempotencyKey);

    const shot = testInfo.outputPath('live-run-completed.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('live run completed', { path: shot, contentType: 'image/png' });
  } finally {
    await receiver.close();
  }
});
