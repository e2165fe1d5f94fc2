import { expect, type Locator, type Page } from '@playwright/test';

/** `/reviews/:id`: the diff and its risk, the test cases and coverage, comments, the decision, publish. */
export class ReviewPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly policy: Locator;
  readonly decisions: Locator;
  readonly decisionForm: Locator;
  readonly comment: Locator;
  readonly approveButton: Locator;
  readonly requestChangesButton: Locator;
  readonly publishButton: Locator;
  /** The question before publishing: the version, its risk and destructive steps. */
  readonly publishConfirm: Locator;
  readonly rerunTests: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('review-page');
    this.heading = page.getByRole('heading', { level: 1, name: /^Review:/ });
    this.policy = page.getByTestId('review-policy');
    this.decisions = page.getByTestId('review-decisions');
    this.decisionForm = page.getByTestId('review-decision');
    this.comment = page.getByTestId('decision-comment');
    this.approveButton = page.getByTestId('approve-review');
    this.requestChangesButton = page.getByTestId('request-changes');
    this.publishButton = page.getByTestId('publish-version');
    this.publishConfirm = page.getByTestId('publish-confirm');
    this.rerunTests = page.getByTestId('review-tests').getByTestId('rerun-tests');
  }

  async goto(reviewId: string): Promise<void> {
    await this.page.goto(`/reviews/${reviewId}`);
    await expect(this.root).toBeVisible();
  }

  /** The version's status badge in the heading ("in review", "approved", "published"…). */
  versionStatus(): Locator {
    return this.heading.locator('.badge');
  }

  async approve(comment?: string): Promise<void> {
    if (comment) await this.comment.fill(comment);
    await this.approveButton.click();
  }

  async requestChanges(comment: string): Promise<void> {
    await this.comment.fill(comment);
    await this.requestChangesButton.click();
  }

  /** Presses Publish and confirms it. */
  async publish(): Promise<void> {
    await this.publishButton.click();
    await this.publishConfirm.getByTestId('publish-confirm-submit').click();
  }
}
