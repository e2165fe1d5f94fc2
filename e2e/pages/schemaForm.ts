import type { Locator, Page } from '@playwright/test';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A form generated from a JSON Schema (client/src/forms/SchemaForm): the event of a
 * simulation or a test case, a fixture's output. `testId` is the form's own.
 */
export class SchemaFormPart {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly testId: string,
    scope: Locator | Page = page,
  ) {
    this.root = scope.getByTestId(testId);
  }

  /** An input by its label; a field marked "(required)" is found by its label alone. */
  field(label: string): Locator {
    return this.root.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\(required\\))?$`));
  }

  /** The JSON view's text box (for experts). */
  get json(): Locator {
    return this.root.getByRole('textbox', { name: /\(JSON\)$/ });
  }

  async view(which: 'form' | 'json'): Promise<void> {
    const button = this.root.getByTestId(`${this.testId}-view-${which}`);
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  }

  /**
   * Fills fields as an analyst does (no JSON): text and numbers are typed, a choice is
   * selected, `true`/`false` ticks or clears a yes/no box.
   */
  async fill(values: Record<string, string | boolean>): Promise<void> {
    await this.view('form');
    for (const [label, value] of Object.entries(values)) {
      const input = this.field(label);
      if (typeof value === 'boolean') await input.setChecked(value);
      else if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
      else await input.fill(value);
    }
  }

  /** Opens the JSON view and types the value as JSON. */
  async fillJson(value: unknown): Promise<void> {
    await this.view('json');
    await this.json.fill(JSON.stringify(value, null, 2));
  }

  /** The message in words at a field, by its dotted path (`src_ip`, `data.isp`). */
  error(path: string): Locator {
    return this.root.getByTestId(`${this.testId}-field-${path}`).locator('.field-error');
  }
}
