import { readFile } from 'node:fs/promises';
import { signedWebhook } from '../fixtures/api';
import { allowAutoOk, containmentPlaybook, gatewayCredential, reviewAndPublish } from '../fixtures/playbooks';
import { startReceiver } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';

test('when a manager opens the dashboard then it counts the runs, draws the charts and exports their runs as CSV', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}, testInfo) => {
  test.slow();
  const receiver = await startReceiver();
  try {
    // Runs of its own, so the dashboard is never empty whatever ran before.
    const [alice, bob, carol] = await Promise.all([apiAs('alice'), apiAs('bob'), apiAs('carol')]);
    const name = uniqueName('E2E dashboard');
    const admin = await apiAs('admin');
    const credential = await gatewayCredential(admin, receiver.url);
    // Without an approval the playbook blocks only auto-OK sources (its safety-policy guard).
    await allowAutoOk(admin, '192.0.2.0/24');
    const { workflowId, version } = await alice.createWorkflow(
      containmentPlaybook(name, { receiverUrl: receiver.url, credential }),
      'e2e: runs for the dashboard',
    );
    await reviewAndPublish(alice, [bob, carol], workflowId, version);
    const secret = await alice.setWebhookSecret(workflowId);
    const runIds: string[] = [];
    for (const ip of ['192.0.2.201', '192.0.2.202']) {
      const hook = await signedWebhook(serverURL, workflowId, secret, { src_ip: ip }, { wait: 15_000 });
      expect(hook.status).toBe(200);
      runIds.push(hook.body.runId ?? '');
    }

    await loginAs(page, 'dave');
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: /Dashboard/ })).toBeVisible();
    const summary = page.getByRole('list', { name: 'Summary' });
    await expect(summary).toBeVisible();
    const runsCard = summary.getByRole('listitem').filter({ hasText: /^Runs/ });
    await expect
      .poll(async () => Number((await runsCard.locator('.dash-card-value').innerText()).replace(/\D/g, '')))
      .toBeGreaterThanOrEqual(2);

    // Charts render: the runs chart draws an SVG.
    const runsPanel = page.locator('section.dash-panel').first();
    await expect(runsPanel.locator('svg.recharts-surface').first()).toBeVisible();
    await expect(page.locator('section.dash-panel svg.recharts-surface').first()).toBeVisible();

    const shot = testInfo.outputPath('manager-dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('manager dashboard', { path: shot, contentType: 'image/png' });

    // CSV export downloads the runs behind a chart, these among them.
    const csvLink = page.getByRole('link', { name: /^CSV of the runs behind/ }).first();
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    for (const id of runIds) expect(csv).toContain(id);
  } finally {
    await receiver.close();
  }
});
