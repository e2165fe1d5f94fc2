import { expect, type Locator, type Page } from '@playwright/test';

/** `/reviews`: reviews assigned to me, or requested by me. */
export class ReviewInboxPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly assignedTab: Locator;
  readonly requestedTab: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Reviews' });
    this.table = page.getByTestId('review-inbox');
    this.assignedTab = page.getByTestId('tab-assigned');
    this.requestedTab = page.getByTestId('tab-requested');
  }

  async goto(): Promise<void> {
    await this.page.goto('/reviews');
    await expect(this.heading).toBeVisible();
  }

  row(reviewId: string): Locator {
    return this.page.getByTestId(`review-row-${reviewId}`);
  }
}
