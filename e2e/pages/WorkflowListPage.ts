import { expect, type Locator, type Page } from '@playwright/test';

/** `/workflows`: every workflow with its latest and published version. */
export class WorkflowListPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly search: Locator;
  readonly newWorkflow: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Workflows', level: 1 });
    this.table = page.getByTestId('workflow-list');
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.newWorkflow = page.getByRole('link', { name: 'New workflow' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/workflows');
    await expect(this.heading).toBeVisible();
  }

  /** The table row of the workflow with this name. */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async open(name: string): Promise<void> {
    await this.row(name).getByRole('link', { name, exact: true }).click();
  }
}
