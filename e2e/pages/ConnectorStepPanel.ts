import { expect, type Locator, type Page } from '@playwright/test';
import type { EditorPage, XY } from './EditorPage';

/**
 * Connector steps in the editor: the palette's "Connectors" section, the step's form
 * (credential pick-list, inputs generated from the action) and the data picker, whose
 * values are inserted by clicking them (`title` is the value's expression path).
 */
export class ConnectorStepPanel {
  readonly page: Page;
  readonly form: Locator;
  readonly credential: Locator;
  readonly createCredentialLink: Locator;
  readonly dataPicker: Locator;

  constructor(readonly editor: EditorPage) {
    this.page = editor.page;
    this.form = editor.panel.getByTestId('connector-form');
    this.credential = this.form.getByLabel('Credential', { exact: true });
    this.createCredentialLink = this.form.getByRole('link', { name: /^Create a credential/ });
    this.dataPicker = editor.panel.getByTestId('data-picker');
  }

  /** A connector action of the palette, after searching it by `query` (vendor, name or verb). */
  async searchPalette(query: string): Promise<void> {
    await this.editor.palette.getByRole('searchbox', { name: 'Search nodes' }).fill(query);
  }

  paletteAction(connectorId: string, actionId: string): Locator {
    return this.page.getByTestId(`palette-connector-${connectorId}-${actionId}`);
  }

  /** Drags a connector action onto the canvas at `at`; returns the new step's id. */
  async dropAction(connectorId: string, actionId: string, at: XY): Promise<string> {
    const before = new Set(await this.editor.nodeIds());
    const item = this.paletteAction(connectorId, actionId);
    await expect(item).toBeEnabled();
    await item.dragTo(this.editor.canvas, { targetPosition: at });
    await expect(this.editor.nodes).toHaveCount(before.size + 1);
    const added = (await this.editor.nodeIds()).filter((id) => !before.has(id));
    if (added.length !== 1 || !added[0]) throw new Error(`dropping ${connectorId}.${actionId} added ${added.length}`);
    await this.editor.waitForStillViewport();
    return added[0];
  }

  /** A text input of the selected connector step (a template field with completion: a combobox), by its label. */
  input(label: string | RegExp): Locator {
    return this.form.getByRole('combobox', { name: label });
  }

  /**
   * Puts the caret in `field`, opens the data picker and clicks the value whose
   * expression is `path` (`event.src_ip`, `steps.check_1.output.data.ipAddress`).
   */
  async pick(field: Locator, path: string): Promise<void> {
    await field.click();
    const summary = this.dataPicker.getByText('Data from earlier steps');
    if ((await this.dataPicker.getAttribute('open')) === null) await summary.click();
    await this.dataPicker.getByTitle(path, { exact: true }).click();
    await expect(field).toHaveValue(`{{ ${path} }}`);
  }

  /**
   * Back from another tab: a real tab switch gives the editor's window the focus (and it
   * lists the credentials again), but Playwright keeps every headless page focused, so
   * no focus event comes; this sends the one a browser would.
   */
  async returnFromAnotherTab(): Promise<void> {
    await this.page.bringToFront();
    await this.page.evaluate(() => window.dispatchEvent(new FocusEvent('focus')));
  }

  /** The credential pick-list's options as shown: `name — live (real runs), last test passed`. */
  async credentialOptions(): Promise<string[]> {
    return (await this.credential.locator('option').allTextContents()).slice(1);
  }

  /** The warning under the pick-list when the chosen credential failed its last connection test. */
  get credentialWarning(): Locator {
    return this.form.getByTestId('credential-warning');
  }

  async chooseCredential(name: string): Promise<void> {
    await this.credential.selectOption(name);
    await expect(this.credential).toHaveValue(name);
  }
}
