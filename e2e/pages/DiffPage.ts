import { expect, type Locator, type Page } from '@playwright/test';

/** `/workflows/:id/diff?from=…&to=…`: two versions compared, with the risk and connector re-pins. */
export class DiffPage {
  readonly heading: Locator;
  readonly risk: Locator;
  readonly connectorChanges: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /: compare versions$/ });
    this.risk = page.getByTestId('risk-banner');
    this.connectorChanges = page.getByRole('region', { name: 'Connector upgrades' });
  }

  async goto(workflowId: string, from: number | 'published', to: number): Promise<void> {
    await this.page.goto(`/workflows/${workflowId}/diff?from=${from}&to=${to}`);
    await expect(this.heading).toBeVisible();
  }

  /** One re-pinned step in the "Connector upgrades" section. */
  connectorChange(stepId: string): Locator {
    return this.page.getByTestId(`connector-change-${stepId}`);
  }

  /** "Request review of v<n>", shown when the newer version is a draft. */
  requestReview(number: number): Locator {
    return this.page.getByRole('link', { name: `Request review of v${number}` });
  }
}
