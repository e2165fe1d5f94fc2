import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, type DemoUser } from '../fixtures/api';

/** `/login`: the sign-in form. */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await expect(this.submit).toBeVisible();
  }

  /** Fills the form and submits; resolves once the app has left the login page. */
  async login(user: DemoUser, password = DEMO_PASSWORD): Promise<void> {
    await this.username.fill(user);
    await this.password.fill(password);
    await this.submit.click();
    await expect(this.page.getByTestId('current-user')).toBeVisible();
  }
}
