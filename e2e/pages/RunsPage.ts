import { expect, type Locator, type Page } from '@playwright/test';

/** `/runs`: live and simulated runs, filtered, newest first, updated live. */
export class RunsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly filters: Locator;
  readonly workflowFilter: Locator;
  readonly statusFilter: Locator;
  readonly modeFilter: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Runs' });
    this.table = page.getByTestId('runs-table');
    this.filters = page.getByTestId('run-filters');
    this.workflowFilter = page.getByTestId('filter-workflow');
    this.statusFilter = page.getByTestId('filter-status');
    this.modeFilter = page.getByTestId('filter-mode');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/runs${query ? `?${query}` : ''}`);
    await expect(this.heading).toBeVisible();
  }

  row(runId: string): Locator {
    return this.page.getByTestId(`run-row-${runId}`);
  }

  async open(runId: string): Promise<void> {
    await this.row(runId).getByRole('link').first().click();
  }
}
