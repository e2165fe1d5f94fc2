import { signedWebhook } from '../fixtures/api';
import { approvalPlaybook } from '../fixtures/documents';
import { expect, test, uniqueName } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { ReviewInboxPage } from '../pages/ReviewInboxPage';
import { ReviewPage } from '../pages/ReviewPage';
import { RunDetailPage } from '../pages/RunDetailPage';
import { RunsPage } from '../pages/RunsPage';

test('when a reviewer approves and publishes a version then a signed webhook runs it, and the approver decides its approval task', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}) => {
  test.slow(); // two personas, a live run and its approval
  const alice = await apiAs('alice');
  const name = uniqueName('E2E approval');
  const document = approvalPlaybook(name, { probeUrl: `${serverURL}/healthz`, approver: 'carol' });
  const { workflowId, version } = await alice.createWorkflow(document, 'e2e: ask before containing');
  const review = await alice.requestReview(workflowId, version.number, ['bob']);

  // bob finds the review in his inbox, approves it and publishes the version.
  await loginAs(page, 'bob');
  const inbox = new ReviewInboxPage(page);
  await inbox.goto();
  await inbox.row(review.id).getByRole('link').first().click();
  const reviewPage = new ReviewPage(page);
  await expect(reviewPage.root).toBeVisible();
  await expect(reviewPage.heading).toContainText(name);
  await reviewPage.approve('Looks right: read-only probe, a human decides.');
  await expect(reviewPage.versionStatus()).toHaveText('approved');
  await reviewPage.publish();
  await expect(reviewPage.versionStatus()).toHaveText('published');

  // The SIEM sends a signed alert: a live run starts and waits for carol.
  const secret = await alice.setWebhookSecret(workflowId);
  const hook = await signedWebhook(serverURL, workflowId, secret, { src_ip: '192.0.2.10' });
  expect(hook.status).toBe(202);
  const runId = hook.body.runId ?? '';
  expect(runId).not.toBe('');
  await expect.poll(async () => (await alice.getRun(runId)).status, { timeout: 20_000 }).toBe('waiting');

  await new AppShell(page).signOutNow();
  await loginAs(page, 'carol');
  const approvals = new ApprovalsPage(page);
  await approvals.goto();
  await expect(approvals.taskOfRun(runId)).toContainText('Contain 192.0.2.10?');
  await approvals.decide(runId, 'approve', 'Go ahead.');

  // The run ends; the runs list and the run page say so.
  const runs = new RunsPage(page);
  await runs.goto(`workflowId=${workflowId}`);
  await expect(runs.row(runId)).toBeVisible();
  await expect(runs.row(runId)).toContainText('succeeded', { timeout: 20_000 });
  const run = new RunDetailPage(page);
  await run.goto(runId);
  await expect(run.status).toContainText('succeeded');
  await expect(run.message).toContainText('Handled 192.0.2.10');
});
