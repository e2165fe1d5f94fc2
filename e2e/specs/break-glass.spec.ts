import { randomInt } from 'node:crypto';
import { listAudit, signedWebhook } from '../fixtures/api';
import { containmentPlaybook, gatewayCredential, reviewAndPublish } from '../fixtures/playbooks';
import { startReceiver } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { RunDetailPage } from '../pages/RunDetailPage';

interface ApprovalTask {
  taskId: string;
  status: string;
  escalationLevel: number;
  decisions: { username: string; decision: string; level: number; breakGlass: boolean }[];
}

test('when the approver does not answer then the task escalates to the break-glass group, whose decision ends the run and is recorded as break glass', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}, testInfo) => {
  test.slow(); // waits for a (shortened) escalation
  const receiver = await startReceiver();
  try {
    const ip = `203.0.113.${randomInt(1, 255)}`;
    const [alice, bob, carol, oncall] = await Promise.all([
      apiAs('alice'),
      apiAs('bob'),
      apiAs('carol'),
      apiAs('oncall'),
    ]);
    const name = uniqueName('E2E break glass');
    const credential = await gatewayCredential(await apiAs('admin'), receiver.url);
    const document = containmentPlaybook(name, {
      receiverUrl: receiver.url,
      credential,
      approval: { approver: 'carol', timeout: '30s', escalation: { after: '3s', users: ['oncall'] } },
    });
    const { workflowId, version } = await alice.createWorkflow(document, 'e2e: escalate to on-call');
    await reviewAndPublish(alice, [bob, carol], workflowId, version);
    const secret = await alice.setWebhookSecret(workflowId);

    const hook = await signedWebhook(serverURL, workflowId, secret, { src_ip: ip });
    expect(hook.status).toBe(202);
    const runId = hook.body.runId ?? '';
    await expect.poll(async () => (await alice.getRun(runId)).status, { timeout: 15_000 }).toBe('waiting');
    const taskId = (await alice.getRun(runId)).approvals[0]?.taskId ?? '';
    expect(taskId).not.toBe('');

    // Before the escalation on-call may not decide (carol, who does not answer, may).
    const early = await oncall.get<ApprovalTask & { you: { canDecide: boolean } }>(`/approvals/${taskId}`);
    if (early.escalationLevel === 0) expect(early.you.canDecide).toBe(false);

    // After 3 s the task reaches on-call's inbox, marked break glass.
    await loginAs(page, 'oncall');
    const approvals = new ApprovalsPage(page);
    await expect(async () => {
      await approvals.goto();
      await expect(approvals.taskOfRun(runId)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const card = approvals.taskOfRun(runId);
    await expect(card).toContainText('You decide as break glass');
    await approvals.decide(runId, 'approve', 'Break glass: carol is unreachable.');

    // The run ends; the block went out once; the decision is recorded at the break-glass level.
    await expect.poll(async () => (await alice.getRun(runId)).status, { timeout: 20_000 }).toBe('succeeded');
    expect(receiver.callsTo('/block')).toHaveLength(1);
    const task = await alice.get<ApprovalTask>(`/approvals/${taskId}`);
    expect(task.status).toBe('approved');
    expect(task.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(task.decisions).toEqual([
      expect.objectContaining({ username: 'oncall', decision: 'approved', breakGlass: true, level: 1 }),
    ]);

    // The audit log, read by the manager: the executor escalated the task, on-call decided as break glass.
    const dave = await apiAs('dave');
    const log = await listAudit(dave, { targetType: 'approval_task', targetId: taskId });
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'approval.escalated',
        actor: 'system:executor',
        details: expect.objectContaining({ runId, level: 1, breakGlass: true }),
      }),
    );
    const decided = log.filter((e) => e.action === 'approval.decided');
    expect(decided).toEqual([
      expect.objectContaining({
        actor: expect.stringMatching(/^(user|token):.*:oncall$/),
        details: expect.objectContaining({ runId, decision: 'approved', breakGlass: true, level: 1 }),
      }),
    ]);

    const run = new RunDetailPage(page);
    await run.goto(runId);
    await expect(run.approvals).toContainText('(break glass)');
    const shot = testInfo.outputPath('break-glass-decided.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('break-glass decision on the run', { path: shot, contentType: 'image/png' });
  } finally {
    await receiver.close();
  }
});
