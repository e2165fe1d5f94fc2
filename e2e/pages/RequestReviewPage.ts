import { expect, type Locator, type Page } from '@playwright/test';
import type { DemoUser } from '../fixtures/api';

/** `/workflows/:id/versions/:number/review`: the author picks reviewers and sends a draft. */
export class RequestReviewPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly note: Locator;
  readonly submit: Locator;
  /** The confirmation after sending: approvals needed and the risk. */
  readonly requested: Locator;
  readonly openReview: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Request review:/ });
    this.form = page.getByTestId('request-review-form');
    this.note = page.getByTestId('review-note');
    this.submit = page.getByTestId('submit-review-request');
    this.requested = page.getByTestId('review-requested');
    this.openReview = this.requested.getByRole('link', { name: 'Open the review' });
  }

  /** Ticks the reviewers, writes the note and sends the request; waits for the confirmation. */
  async request(reviewers: DemoUser[], note?: string): Promise<void> {
    await expect(this.form).toBeVisible();
    for (const r of reviewers) await this.page.getByTestId(`reviewer-${r}`).check();
    if (note) await this.note.fill(note);
    await this.submit.click();
    await expect(this.requested).toBeVisible();
  }
}
