import { expect, type Locator, type Page } from '@playwright/test';

/** `/admin/users`: accounts, roles and the new-user form (admins). */
export class UsersPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly secret: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Users and roles' });
    this.form = page.getByRole('form', { name: 'New user' });
    this.secret = page.getByTestId('one-time-secret');
    this.status = page.getByRole('status').first();
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/users');
    await expect(this.heading).toBeVisible();
  }

  row(username: string): Locator {
    return this.page.getByTestId(`user-${username}`);
  }

  /** Creates a user with a generated password; returns the password shown once. */
  async create(user: { username: string; displayName: string; role: string }): Promise<string> {
    await this.page.getByRole('button', { name: 'New user' }).click();
    await this.form.getByLabel('Username').fill(user.username);
    await this.form.getByLabel('Display name').fill(user.displayName);
    await this.form.getByLabel('Role').selectOption(user.role);
    await this.form.getByRole('button', { name: 'Generate a password' }).click();
    await this.form.getByRole('button', { name: 'Create user' }).click();
    await expect(this.secret).toBeVisible();
    return this.secret.innerText();
  }

  async changeRole(username: string, role: string): Promise<void> {
    const row = this.row(username);
    await row.getByLabel(`Role of ${username}`).selectOption(role);
    await row.getByRole('button', { name: 'Save role' }).click();
  }
}
