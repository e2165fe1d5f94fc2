import { approvalPlaybook } from '../fixtures/documents';
import { expect, test, uniqueName } from '../fixtures/test';
import { ReviewInboxPage } from '../pages/ReviewInboxPage';
import { ReviewPage } from '../pages/ReviewPage';

test('when a reviewer opens a requested review then they read the visual diff, comment on a node, approve and publish; the author can never approve their own version', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}, testInfo) => {
  test.slow(); // two personas on the review page
  // The admin authors it: admins may decide reviews, so only the two-person rule stops them.
  const [admin, bob] = await Promise.all([apiAs('admin'), apiAs('bob')]);
  const name = uniqueName('E2E review');
  const document = approvalPlaybook(name, { probeUrl: `${serverURL}/healthz`, approver: 'carol' });
  const { workflowId, version } = await admin.createWorkflow(document, 'e2e: probe, then ask');
  const review = await admin.requestReview(workflowId, version.number, ['bob']);

  // The author sees the review but is offered no decision, and the API refuses one.
  await loginAs(page, 'admin');
  const reviewPage = new ReviewPage(page);
  await reviewPage.goto(review.id);
  await expect(reviewPage.root).toContainText('you are the author: someone else decides');
  await expect(reviewPage.approveButton).toHaveCount(0);
  const refused = await page.request.post(`/api/reviews/${review.id}/decisions`, {
    data: { decision: 'approve' },
    headers: {
      'x-csrf-token': await page.evaluate(async () => {
        const r = await fetch('/api/auth/me');
        return ((await r.json()) as { csrfToken: string }).csrfToken;
      }),
    },
  });
  expect(refused.status(), await refused.text()).toBe(403);
  expect(((await refused.json()) as { error?: { code?: string }; code?: string }).error?.code ?? '').toBe(
    'self_approval',
  );
  await page.context().clearCookies();

  // bob finds it in his inbox and opens it.
  await loginAs(page, 'bob');
  const inbox = new ReviewInboxPage(page);
  await inbox.goto();
  await inbox.row(review.id).getByRole('link').first().click();
  await expect(reviewPage.root).toBeVisible();
  await expect(reviewPage.heading).toContainText(name);

  // The visual diff: a first version adds every step, the approval among them.
  const diff = page.getByTestId('diff-view');
  await expect(diff).toBeVisible();
  await expect(diff.locator('.react-flow__node').first()).toBeVisible();
  const askChange = page.getByTestId('diff-change-ask');
  await expect(askChange).toContainText('added');
  await askChange.click();
  await expect(page.getByTestId('node-change-detail')).toBeVisible();

  // A comment anchored to the approval step.
  const form = page.getByTestId('comment-form-ask');
  await form.getByRole('textbox').fill('Should the SOC lead be a second approver?');
  await form.getByRole('button', { name: 'Comment' }).click();
  await expect(page.getByTestId('threads-ask')).toContainText('Should the SOC lead be a second approver?');

  await reviewPage.approve('Read-only probe, then a human decides: fine.');
  await expect(reviewPage.versionStatus()).toHaveText('approved');
  const shot = testInfo.outputPath('review-approved.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('review approved', { path: shot, contentType: 'image/png' });
  await reviewPage.publish();
  await expect(reviewPage.versionStatus()).toHaveText('published');
  const comments = await bob.get<{ threads: { nodeId: string | null; body: string }[] }>(
    `/workflows/${workflowId}/versions/${version.number}/comments`,
  );
  expect(comments.threads).toContainEqual(expect.objectContaining({ nodeId: 'ask' }));
});
