import type { DemoUser } from '../fixtures/api';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { WorkflowListPage } from '../pages/WorkflowListPage';

interface Persona {
  user: DemoUser;
  role: string;
  landing: RegExp;
  heading: string;
  /** Main navigation links the persona sees, and some they must not. */
  nav: string[];
  notNav: string[];
}

/** Where each demo persona lands after signing in, and what the main navigation offers them. */
const PERSONAS: Persona[] = [
  {
    user: 'alice',
    role: 'analyst',
    landing: /\/workflows$/,
    heading: 'Workflows',
    nav: ['Reviews'],
    notNav: ['Safety lists'],
  },
  {
    user: 'oncall',
    role: 'analyst',
    landing: /\/workflows$/,
    heading: 'Workflows',
    nav: ['Approvals'],
    notNav: ['Safety lists'],
  },
  {
    user: 'bob',
    role: 'reviewer',
    landing: /\/reviews$/,
    heading: 'Reviews',
    nav: ['Workflows'],
    notNav: ['Safety lists'],
  },
  {
    user: 'carol',
    role: 'reviewer',
    landing: /\/reviews$/,
    heading: 'Reviews',
    nav: ['Runs'],
    notNav: ['Safety lists'],
  },
  {
    user: 'dave',
    role: 'manager',
    landing: /\/dashboard$/,
    heading: 'Dashboard',
    nav: ['Dashboard'],
    notNav: ['Reviews', 'Safety lists'],
  },
  { user: 'admin', role: 'admin', landing: /\/workflows$/, heading: 'Workflows', nav: ['Safety lists'], notNav: [] },
];

/** The example playbooks the server seeds and publishes on first start. */
const SEEDED = ['Endpoint alert enrichment', 'Malicious IP containment', 'Phishing triage'];

test.describe('smoke', () => {
  for (const p of PERSONAS) {
    test(`when ${p.user} (${p.role}) signs in then they land on ${p.heading}`, async ({ page, loginAs }) => {
      await loginAs(page, p.user);
      const shell = new AppShell(page);
      await expect(page).toHaveURL(p.landing);
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
      await expect(shell.currentUser).toContainText(p.role);
      const offered = await shell.navLabels();
      for (const label of p.nav) expect(offered).toContain(label);
      for (const label of p.notNav) expect(offered).not.toContain(label);
    });
  }

  test('when an analyst opens the workflow list then the seeded playbooks are there, published', async ({
    page,
    loginAs,
  }, testInfo) => {
    await loginAs(page, 'alice');
    const list = new WorkflowListPage(page);
    await list.goto();
    for (const name of SEEDED) {
      const row = list.row(name);
      await expect(row).toBeVisible();
      await expect(row.locator('.badge-published')).toBeVisible();
      await expect(row).toContainText('v1');
    }
    const path = testInfo.outputPath('workflow-list.png');
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach('workflow list', { path, contentType: 'image/png' });
  });

  test('when a signed-out visitor opens a deep link then they are asked to sign in', async ({ page }) => {
    await page.goto('/runs');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Sign in to Autonomic' })).toBeVisible();
  });
});
