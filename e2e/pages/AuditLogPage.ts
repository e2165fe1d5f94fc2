import type { Locator, Page } from '@playwright/test';

/** `/admin/audit`: the audit log's filters, lines, pages and export. */
export class AuditLogPage {
  readonly heading: Locator;
  readonly filters: Locator;
  readonly lines: Locator;
  readonly older: Locator;
  readonly newer: Locator;
  readonly exportLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audit log' });
    this.filters = page.getByRole('search', { name: 'Filter the audit log' });
    this.lines = page.getByRole('table').locator('tbody tr[data-testid^="audit-line-"]');
    const pager = page.getByRole('navigation', { name: 'Audit log pages' });
    this.older = pager.getByRole('button', { name: 'Older' });
    this.newer = pager.getByRole('button', { name: 'Newer' });
    this.exportLink = page.getByTestId('audit-export');
  }

  /** Picks an option of a filter's pick-list by its words (e.g. Action → "Credential created"). */
  async pick(filter: 'Actor' | 'Action' | 'Target type', words: string): Promise<void> {
    await this.filters.getByLabel(filter).selectOption({ label: words });
  }

  /** The line whose target reads `words` (e.g. "credential fw_1"). */
  lineFor(words: string): Locator {
    return this.lines.filter({ has: this.page.getByRole('cell', { name: words, exact: true }) });
  }
}
