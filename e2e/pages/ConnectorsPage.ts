import { expect, type Locator, type Page } from '@playwright/test';

/** `/connectors`: every connector, and per connector opened its versions, usages and upgrades. */
export class ConnectorsPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Connectors' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/connectors');
    await expect(this.heading).toBeVisible();
  }

  /** The list entry of one connector. */
  entry(connectorId: string): Locator {
    return this.page.getByTestId(`connector-${connectorId}`);
  }

  /** Opens "Versions and usages" of a connector and waits for them to load. */
  async open(connectorId: string): Promise<Locator> {
    const entry = this.entry(connectorId);
    await entry.getByRole('button', { name: 'Versions and usages' }).click();
    const details = entry.getByTestId(`connector-details-${connectorId}`);
    await expect(details).toBeVisible();
    return details;
  }

  /** One version's section (actions, what the newest changes, usages) inside an opened connector. */
  version(connectorId: string, version: string): Locator {
    return this.page.getByRole('region', { name: `${connectorId} ${version}`, exact: true });
  }

  /** The usage row of a workflow version (by slug and number) under a connector version. */
  usage(connectorId: string, version: string, slug: string, number: number): Locator {
    return this.version(connectorId, version).getByTestId(`usage-${slug}-${number}`);
  }
}
