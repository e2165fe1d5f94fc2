import { randomInt } from 'node:crypto';
import { signedWebhook } from '../fixtures/api';
import { allowAutoOk, containmentPlaybook, gatewayCredential, reviewAndPublish } from '../fixtures/playbooks';
import { startReceiver } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';
import { RunDetailPage } from '../pages/RunDetailPage';

test('when the previous version is published again then the next webhook runs it', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}, testInfo) => {
  test.slow(); // two publications and three live runs
  const receiver = await startReceiver();
  try {
    const [alice, bob, carol] = await Promise.all([apiAs('alice'), apiAs('bob'), apiAs('carol')]);
    const name = uniqueName('E2E rollback');
    const url = receiver.url;
    const admin = await apiAs('admin');
    const credential = await gatewayCredential(admin, url);
    // Without an approval the playbook blocks only auto-OK sources (its safety-policy guard).
    await allowAutoOk(admin, '192.0.2.0/24');
    const v1doc = containmentPlaybook(name, { receiverUrl: url, credential, reason: 'v1 {{ event.src_ip }}' });
    const { workflowId, version: v1 } = await alice.createWorkflow(v1doc, 'e2e: v1');
    await reviewAndPublish(alice, [bob, carol], workflowId, v1);
    const v2 = await alice.saveVersion(
      workflowId,
      containmentPlaybook(name, { receiverUrl: url, credential, reason: 'v2 {{ event.src_ip }}' }),
      'e2e: v2',
    );
    expect(v2.number).toBe(2);
    await reviewAndPublish(alice, [bob, carol], workflowId, v2);
    const secret = await alice.setWebhookSecret(workflowId);

    const fire = async () => {
      const ip = `192.0.2.${randomInt(1, 255)}`;
      const hook = await signedWebhook(serverURL, workflowId, secret, { src_ip: ip }, { wait: 15_000 });
      expect(hook.status, JSON.stringify(hook.body)).toBe(200);
      const runId = hook.body.runId ?? '';
      const run = await alice.getRun(runId);
      const call = receiver.calls.filter((c) => c.path === '/block').at(-1);
      return { runId, run, ip, reason: (call?.body as { reason?: string } | undefined)?.reason };
    };

    const before = await fire();
    expect(before.run.version.number).toBe(2);
    expect(before.reason).toBe(`v2 ${before.ip}`);

    // Roll back: v1 is the published version again.
    const rolled = await alice.post<{
      published: { number: number };
      retired: { number: number } | null;
      rolledBack: boolean;
    }>(`/workflows/${workflowId}/rollback`, { toNumber: 1 });
    expect(rolled).toMatchObject({ published: { number: 1 }, retired: { number: 2 }, rolledBack: true });

    const after = await fire();
    expect(after.run.status).toBe('succeeded');
    expect(after.run.version.number).toBe(1);
    expect(after.reason).toBe(`v1 ${after.ip}`);
    expect(receiver.callsTo('/block')).toHaveLength(2);

    await loginAs(page, 'alice');
    await page.goto(`/workflows/${workflowId}/versions`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const run = new RunDetailPage(page);
    await run.goto(after.runId);
    await expect(run.header).toContainText('v1');
    const shot = testInfo.outputPath('rollback-run-v1.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('the run after rollback uses v1', { path: shot, contentType: 'image/png' });
  } finally {
    await receiver.close();
  }
});
