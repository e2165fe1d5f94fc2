/**
 * Every page of the app (issue 16, Done when), as the role that uses it, at 1280×800 and
 * 1920×1080: a full-page screenshot of each in test-results, no sideways scroll, a top bar
 * on one line, and no serious or critical WCAG 2.1 A/AA violation found by axe. Faults are
 * soft: one run lists all of them, page by page.
 */
import type { Page } from '@playwright/test';
import type { DemoUser } from '../fixtures/api';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { seedEveryPage, type EveryPageSeed } from '../support/every-page-seed';
import { checkPages, type PageVisit } from '../support/page-check';

let seed: EveryPageSeed;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  seed = await seedEveryPage();
});

test.afterAll(async () => {
  await seed?.receiver.close();
});

const main = (page: Page) => page.locator('main');

function analystPages(s: EveryPageSeed): PageVisit[] {
  const wf = `/workflows/${s.workflowId}`;
  const named = (page: Page) => main(page).getByText(s.workflowName);
  return [
    { name: 'workflow-list', path: '/workflows', ready: named },
    { name: 'editor-new', path: '/workflows/new', ready: (p) => p.locator('.react-flow') },
    { name: 'editor-existing', path: wf, ready: (p) => p.locator('.react-flow__node') },
    { name: 'editor-version', path: `${wf}/versions/1`, ready: (p) => p.locator('.react-flow__node') },
    { name: 'versions', path: `${wf}/versions`, ready: (p) => p.getByTestId('version-history') },
    { name: 'diff', path: `${wf}/diff?from=1&to=2`, ready: (p) => p.getByTestId('diff-view') },
    { name: 'simulate', path: `${wf}/versions/1/simulate`, ready: (p) => p.getByTestId('simulation-form') },
    { name: 'run-now', path: `${wf}/run`, ready: (p) => p.getByRole('heading', { name: /^Run .* now$/ }) },
    { name: 'runs', path: '/runs', ready: (p) => p.getByTestId('runs-table').getByText(s.workflowName) },
    { name: 'run-waiting', path: `/runs/${s.waitingRunId}`, ready: (p) => p.locator('.react-flow__node') },
    { name: 'run-failed', path: `/runs/${s.failedRunId}`, ready: (p) => p.locator('.react-flow__node') },
    { name: 'approvals', path: '/approvals', ready: (p) => main(p).getByText(s.approvalMessage) },
    {
      name: 'approval-task',
      path: `/approvals/${encodeURIComponent(s.taskId)}`,
      ready: (p) => main(p).getByText(s.approvalMessage),
    },
    { name: 'connectors', path: '/connectors', ready: (p) => main(p).getByText('AbuseIPDB') },
    { name: 'request-review', path: `${wf}/versions/3/review`, ready: (p) => p.getByTestId('request-review-form') },
    { name: 'account', path: '/account', ready: (p) => p.getByRole('heading', { name: 'Your account' }) },
    { name: 'tokens', path: '/account/tokens', ready: (p) => main(p).getByText(s.tokenName) },
    { name: 'policies', path: '/admin/policies' },
    { name: 'assets', path: '/admin/assets' },
    { name: 'approval-link-invalid', path: '/approval-link/not-a-real-link' },
    { name: 'workflow-settings', path: `${wf}/settings` },
    { name: 'templates', path: '/workflows/templates', ready: (p) => main(p).getByText('Ransomware host isolation') },
    { name: 'import', path: '/workflows/import', ready: (p) => p.getByRole('heading', { level: 1 }) },
  ];
}

function adminPages(s: EveryPageSeed): PageVisit[] {
  return [
    { name: 'safety-lists', path: '/admin/safety', ready: (p) => main(p).getByText(s.safetyValue) },
    { name: 'credentials', path: '/admin/credentials', ready: (p) => main(p).getByText(s.credentialName) },
    { name: 'users', path: '/admin/users', ready: (p) => main(p).getByRole('cell', { name: 'alice', exact: true }) },
    { name: 'tokens-all', path: '/admin/tokens', ready: (p) => main(p).getByText(s.tokenName) },
    { name: 'audit', path: '/admin/audit', ready: (p) => main(p).locator('tbody tr') },
    { name: 'connector-import', path: '/admin/connectors/import' },
    { name: 'not-found', path: '/no-such-page' },
  ];
}

const ROLES: { user: DemoUser; pages: (s: EveryPageSeed) => PageVisit[] }[] = [
  { user: 'alice', pages: analystPages },
  { user: 'admin', pages: adminPages },
  {
    user: 'bob',
    pages: (s) => [
      { name: 'reviews', path: '/reviews', ready: (p) => p.getByTestId('review-inbox').getByText(s.workflowName) },
      { name: 'review', path: `/reviews/${s.reviewId}`, ready: (p) => p.getByTestId('review-page') },
    ],
  },
  {
    user: 'dave',
    pages: () => [{ name: 'dashboard', path: '/dashboard', ready: (p) => p.getByText(/^Updated in/) }],
  },
];

test.describe('every page', () => {
  test('when signed out then the sign-in page and an approval link pass', async ({ page }, testInfo) => {
    await checkPages(
      page,
      [
        { name: 'login', path: '/login', ready: (p) => p.getByRole('button', { name: 'Sign in' }) },
        { name: 'approval-link-signed-out', path: '/approval-link/not-a-real-link' },
      ],
      testInfo,
    );
  });

  for (const role of ROLES) {
    test(`when ${role.user} opens each page they use then each passes`, async ({ page, loginAs }, testInfo) => {
      test.setTimeout(300_000);
      await loginAs(page, role.user);
      await checkPages(page, role.pages(seed), testInfo);
    });
  }

  test('when a keyboard user tabs in then the skip link comes first, and the admin menu opens, is walked and closes by keys', async ({
    page,
    loginAs,
  }) => {
    await loginAs(page, 'admin');
    const shell = new AppShell(page);
    await page.goto('/runs');
    await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
    await expect(page).toHaveTitle('Runs — Autonomic');
    await page.keyboard.press('Tab');
    await expect(shell.skipLink).toBeFocused();
    await expect(shell.skipLink).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();

    await shell.moreMenu.focus();
    await page.keyboard.press('ArrowDown');
    await expect(shell.moreMenu).toHaveAttribute('aria-expanded', 'true');
    await expect(shell.navLink('Safety lists')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(shell.navLink('Safety policies')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(shell.moreMenu).toHaveAttribute('aria-expanded', 'false');
    await expect(shell.moreMenu).toBeFocused();
    await expect(shell.navLink('Safety lists')).toBeHidden();
  });
});
