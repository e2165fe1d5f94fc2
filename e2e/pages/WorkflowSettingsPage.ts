import { expect, type Locator, type Page } from '@playwright/test';

/** `/workflows/:id/settings`: kill switch, blast-radius limits, webhook, schedule, SLO. */
export class WorkflowSettingsPage {
  readonly heading: Locator;
  readonly killSwitch: Locator;
  readonly limits: Locator;
  readonly webhook: Locator;
  readonly issuedSecret: Locator;
  readonly curlExample: Locator;
  readonly testEventResult: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /: settings$/ });
    this.killSwitch = page.getByTestId('kill-switch');
    this.limits = page.getByTestId('safety-settings');
    this.webhook = page.getByTestId('webhook');
    this.issuedSecret = page.getByRole('region', { name: 'New webhook secret' });
    this.curlExample = page.getByTestId('curl-example');
    this.testEventResult = page.getByTestId('test-event-result');
  }

  async goto(workflowId: string): Promise<void> {
    await this.page.goto(`/workflows/${workflowId}/settings`);
    await expect(this.heading).toBeVisible();
  }

  async generateSecret(): Promise<void> {
    await this.webhook.getByRole('button', { name: 'Generate secret' }).click();
    await expect(this.issuedSecret).toBeVisible();
  }

  /** Copies the curl example with its button and answers what the clipboard then holds. */
  async copyCurlExample(): Promise<string> {
    await this.issuedSecret.getByRole('button', { name: 'Copy curl example' }).click();
    await expect(this.issuedSecret.getByRole('status')).toHaveText('Copied.');
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async sendTestEvent(): Promise<void> {
    await this.webhook.getByRole('button', { name: 'Send a test event' }).click();
  }

  async turnKillSwitchOn(reason: string): Promise<void> {
    await this.killSwitch.getByLabel('Reason (required)').fill(reason);
    await this.killSwitch.getByRole('button', { name: 'Turn the kill switch on' }).click();
    await this.page
      .getByRole('alertdialog', { name: 'Confirm the kill switch' })
      .getByRole('button', { name: 'Yes, turn it on' })
      .click();
    await expect(this.killSwitch.getByTestId('kill-switch-state')).toContainText('On');
  }

  /** Types `value` into a limit field (by its label) and saves the limits. */
  async setLimit(label: RegExp | string, value: string): Promise<Locator> {
    const field = this.limits.getByLabel(label);
    await field.fill(value);
    await this.limits.getByRole('button', { name: 'Save limits' }).click();
    return field;
  }
}
