import { expect, type Locator, type Page } from '@playwright/test';

/** `/runs/:id`: a run's header, steps, approvals and live updates. */
export class RunDetailPage {
  readonly heading: Locator;
  readonly header: Locator;
  readonly status: Locator;
  readonly steps: Locator;
  readonly approvals: Locator;
  readonly message: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Run / });
    this.header = page.getByTestId('run-header');
    this.status = page.getByTestId('run-status');
    this.steps = page.getByTestId('run-steps');
    this.approvals = page.getByTestId('run-approvals');
    this.message = page.getByTestId('run-message');
    this.cancel = page.getByTestId('cancel-run');
  }

  async goto(runId: string): Promise<void> {
    await this.page.goto(`/runs/${runId}`);
    await expect(this.header).toBeVisible();
  }

  step(stepKey: string, attempt = 1): Locator {
    return this.page.getByTestId(`run-step-${stepKey}-${attempt}`);
  }
}
