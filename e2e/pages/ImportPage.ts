import { expect, type Locator, type Page } from '@playwright/test';

/** `/workflows/import`: a CACAO playbook from a file or pasted; the import report; the link to the draft. */
export class ImportPage {
  readonly heading: Locator;
  readonly file: Locator;
  readonly importButton: Locator;
  readonly counts: Locator;
  readonly error: Locator;
  readonly openDraft: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Import a playbook', level: 1 });
    this.file = page.getByLabel('Playbook file');
    this.importButton = page.getByRole('button', { name: 'Import', exact: true });
    this.counts = page.getByTestId('import-counts');
    this.error = page.getByTestId('import-error');
    this.openDraft = page.getByRole('link', { name: 'Open the draft' });
  }

  /** From the workflow list's "Import" button. */
  async openFromList(): Promise<void> {
    await this.page.goto('/workflows');
    await this.page.getByRole('link', { name: 'Import', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  /** Chooses the file and imports it (the text box fills with it first). */
  async importFile(path: string): Promise<void> {
    await this.file.setInputFiles(path);
    await expect(this.page.getByLabel('Or paste the playbook')).not.toHaveValue('');
    await this.importButton.click();
  }

  /** The entries of one status group: `mapped`, `approximated` or `unsupported`. */
  entries(status: 'mapped' | 'approximated' | 'unsupported'): Locator {
    return this.page.getByTestId(`import-group-${status}`).getByTestId('import-entry');
  }

  /** How many elements the counts line says have this status. */
  async count(words: 'mapped' | 'approximated' | 'not supported'): Promise<number> {
    const item = this.counts.getByRole('listitem').filter({ hasText: new RegExp(`\\d+ ${words}$`) });
    return Number((await item.innerText()).split(/\s/)[0]);
  }
}
