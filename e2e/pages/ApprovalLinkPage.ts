import { expect, type Locator, type Page } from '@playwright/test';

/** `/approval-link/:token`: where a signed link from an approval message lands; Confirm decides. */
export class ApprovalLinkPage {
  readonly heading: Locator;
  readonly message: Locator;
  readonly confirm: Locator;
  readonly done: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.message = page.getByTestId('link-message');
    this.confirm = page.getByTestId('link-confirm');
    this.done = page.getByTestId('link-done');
    this.error = page.getByTestId('link-error');
  }

  /** Opens the link as it came in the message (an absolute URL). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
  }

  async confirmWith(comment: string): Promise<void> {
    await this.page.getByRole('textbox').fill(comment);
    await this.confirm.click();
    await expect(this.done).toBeVisible();
  }
}
