import { expect, type Locator, type Page } from '@playwright/test';

/** `/workflows/templates`: the template library, a card per template, "Use this template". */
export class TemplatesPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'New from template', level: 1 });
  }

  /** From the workflow list's "New from template" button. */
  async openFromList(): Promise<void> {
    await this.page.goto('/workflows');
    await this.page.getByRole('link', { name: 'New from template' }).click();
    await expect(this.heading).toBeVisible();
  }

  /** The card of the template with this title. */
  card(title: string): Locator {
    return this.page.getByRole('article', { name: title });
  }

  /** Creates a draft from the template; the editor opens on it. */
  async use(title: string): Promise<void> {
    await this.card(title).getByRole('button', { name: 'Use this template' }).click();
  }
}
