import { expect, type Locator, type Page } from '@playwright/test';

/** `/admin/safety`: the protected and auto-OK lists; for admins the entry form. */
export class SafetyListsPage {
  readonly heading: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Safety lists' });
    this.form = page.getByRole('form', { name: /^(New .* entry|Edit .*)$/ });
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/safety');
    await expect(this.heading).toBeVisible();
  }

  tab(name: 'Protected' | 'Auto-OK'): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${name} \\(\\d+\\)$`) });
  }

  row(list: 'protected' | 'auto_ok', value: string): Locator {
    return this.page.getByTestId(`entry-${list}-${value}`);
  }

  /** Opens the form, fills a typed kind and value, and adds the entry. */
  async add(entry: {
    kind: string;
    value: string;
    criticality: string;
    reason: string;
    owner?: string;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'New entry' }).click();
    await this.form.getByRole('combobox', { name: /^Kind/ }).selectOption(entry.kind);
    await this.form.getByLabel('Value', { exact: true }).fill(entry.value);
    await this.form.getByRole('combobox', { name: /^Criticality/ }).selectOption(entry.criticality);
    await this.form.getByLabel('Reason', { exact: true }).fill(entry.reason);
    if (entry.owner) await this.form.getByLabel('Owner', { exact: true }).fill(entry.owner);
    await this.form.getByRole('button', { name: 'Add entry' }).click();
  }

  fieldError(path: string): Locator {
    return this.page.getByTestId(`field-error-${path}`);
  }
}
