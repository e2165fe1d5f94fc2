import type { Locator, Page } from '@playwright/test';

/** `/admin/credentials`: the credentials table and, for admins, the create form. */
export class CredentialsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly createForm: Locator;
  readonly adminsOnly: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Connector credentials' });
    this.table = page.getByRole('table');
    this.createForm = page.getByRole('form', { name: 'New credential' });
    this.adminsOnly = page.getByTestId('admins-only');
  }

  row(name: string): Locator {
    return this.page.getByTestId(`credential-${name}`);
  }

  field(label: string | RegExp): Locator {
    return this.createForm.getByLabel(label);
  }
}
