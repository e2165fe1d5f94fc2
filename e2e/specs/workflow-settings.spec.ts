import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { compileOrThrow } from '../fixtures/documents';
import { expect, test, uniqueName } from '../fixtures/test';
import { RunDetailPage } from '../pages/RunDetailPage';
import { WorkflowSettingsPage } from '../pages/WorkflowSettingsPage';

/**
 * ```
 * alert (webhook: ip, severity) → done
 * ```
 * No effect at all: one reviewer's approval publishes it.
 */
function webhookPlaybook(name: string): Record<string, unknown> {
  return compileOrThrow({
    metadata: { name, tags: ['e2e'] },
    nodes: [
      {
        id: 'alert',
        type: 'trigger',
        position: { x: 0, y: 0 },
        data: {
          nodeType: 'trigger.webhook',
          params: {},
          label: 'SIEM alert',
          inputSchema: {
            type: 'object',
            required: ['ip', 'severity'],
            properties: { ip: { type: 'string', format: 'ipv4' }, severity: { type: 'string', enum: ['high', 'low'] } },
          },
        },
      },
      {
        id: 'done',
        type: 'step',
        position: { x: 260, y: 0 },
        data: { nodeType: 'end', params: { status: 'succeeded', message: 'Seen {{ event.ip }}' }, label: 'Done' },
      },
    ],
    edges: [{ id: 'e1', source: 'alert', target: 'done', sourceHandle: 'out' }],
  });
}

/** Full-page screenshots at 1280×800 and 1920×1080 (attached), and no serious or critical axe violation. */
async function checkLayout(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    const path = testInfo.outputPath(`${name}-${width}x${height}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name} ${width}x${height}`, { path, contentType: 'image/png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });
}

const bash = (script: string) => promisify(execFile)('bash', ['-c', script], { timeout: 20_000 });

test('when the owner sets up the webhook on the settings page then the copied curl recipe and the test event start runs, the kill switch refuses deliveries and a negative limit is told at its field', async ({
  page,
  context,
  loginAs,
  apiAs,
}) => {
  test.slow(); // a review, a publish, two live runs
  const [alice, bob] = await Promise.all([apiAs('alice'), apiAs('bob')]);
  const { workflowId, version } = await alice.createWorkflow(webhookPlaybook(uniqueName('E2E settings')));
  const review = await alice.requestReview(workflowId, version.number, ['bob']);
  await bob.decide(review.id, 'approve', 'e2e: no effects');
  await alice.publish(workflowId, version.number);

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await loginAs(page, 'alice');
  await page.goto(`/workflows/${workflowId}`);
  await page.getByTestId('settings-link').click();
  const settings = new WorkflowSettingsPage(page);
  await expect(settings.heading).toBeVisible();

  // A secret, shown once, with a curl recipe that proves the signature by starting a run.
  await settings.generateSecret();
  await checkLayout(page, test.info(), 'workflow-settings-secret');
  const recipe = await settings.copyCurlExample();
  expect(recipe).toBe(await settings.curlExample.textContent());
  const delivered = JSON.parse((await bash(recipe)).stdout) as { runId: string; deduplicated: boolean };
  expect(delivered.deduplicated).toBe(false);
  const fromCurl = await page.context().newPage();
  await new RunDetailPage(fromCurl).goto(delivered.runId);
  await expect(new RunDetailPage(fromCurl).status).toHaveText(/succeeded/i);
  await fromCurl.close();

  // The secret is not kept: Done forgets it.
  await settings.issuedSecret.getByRole('button', { name: 'Done' }).click();
  await expect(settings.issuedSecret).toBeHidden();

  // The test event (an example from the trigger's schema) starts a run that is linked.
  await settings.sendTestEvent();
  await settings.testEventResult.getByRole('link').click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = new RunDetailPage(page);
  await expect(run.header).toBeVisible();
  await expect(run.status).toHaveText(/succeeded/i);

  // Back on the page: the secret is never shown again.
  await settings.goto(workflowId);
  await expect(settings.webhook.getByTestId('webhook-secret-state')).toHaveText(
    'A secret is set (it is never shown again).',
  );
  await expect(settings.issuedSecret).toBeHidden();

  // A bad limit is told at its field, in words.
  const baseline = await settings.setLimit(/time-saved baseline/, '-5');
  await expect(baseline).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.limits.getByTestId('field-error-manualBaselineMinutes')).toHaveText(
    'It cannot be negative: enter 0 or more, or leave it empty for not set.',
  );

  // The kill switch refuses the test event and the recipe alike.
  await settings.turnKillSwitchOn('e2e: stop everything');
  await expect(settings.killSwitch.getByTestId('kill-switch-last')).toContainText('Last turned on by alice');
  await settings.sendTestEvent();
  await expect(settings.webhook.getByTestId('api-error')).toContainText(/kill switch/i);
  await checkLayout(page, test.info(), 'workflow-settings-kill-switch');
  const refused = await bash(recipe.replace('curl -sS', 'curl -sS -w "\\n%{http_code}"'));
  expect(refused.stdout.trim().split('\n').pop()).toBe('423');
});
