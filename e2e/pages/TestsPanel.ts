import { expect, type Locator, type Page } from '@playwright/test';
import { SchemaFormPart } from './schemaForm';

/** The editor's Tests panel: the cases of the workflow, each edited as a form. */
export class TestsPanel {
  readonly root: Locator;
  /** The open case's form. */
  readonly form: Locator;
  /** The open case's event: a form made from the trigger's input schema. */
  readonly event: SchemaFormPart;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('tests-panel');
    this.form = this.root.getByTestId('case-form');
    this.event = new SchemaFormPart(page, 'case-event', this.form);
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-tests').click();
    await expect(this.root).toBeVisible();
  }

  /** Adds a case and names it; its form opens. */
  async addCase(name: string): Promise<void> {
    await this.root.getByTestId('add-case').click();
    await this.form.getByTestId('case-name').fill(name);
  }

  /** Fills the case's event field by field (labels of the trigger's schema), no JSON. */
  async fillEvent(values: Record<string, string | boolean>): Promise<void> {
    await this.event.fill(values);
  }

  /** Types the case's event as JSON in its JSON view (a trigger that declares no fields). */
  async setEventJson(event: unknown): Promise<void> {
    await this.event.fillJson(event);
  }

  /** Adds a fixture for a step that calls out; it answers with an output until told otherwise. */
  async addFixture(stepId: string): Promise<void> {
    await this.form.getByTestId('add-fixture-step').selectOption(stepId);
    await this.form.getByTestId('add-fixture').click();
  }

  /** A fixture's output form (from the step's output schema). */
  output(stepId: string): SchemaFormPart {
    return new SchemaFormPart(this.page, `fixture-${stepId}-output`, this.form);
  }

  /** Fills a fixture's output field by field (labels of the step's output schema). */
  async fillOutput(stepId: string, values: Record<string, string | boolean>): Promise<void> {
    await this.output(stepId).fill(values);
  }

  /** Makes the fixture of `stepId` fail with an HTTP status (503 by default). */
  async failFixture(stepId: string, status = '503'): Promise<void> {
    await this.form.getByTestId(`fixture-mode-${stepId}`).selectOption('fails');
    await this.form.getByTestId(`fixture-${stepId}-fail-kind`).selectOption('http_5xx');
    await this.form.getByTestId(`fixture-${stepId}-fail-status`).fill(status);
  }

  /** Asserts the run's status and that `stepId` is reached. */
  async expectStatusAndReached(status: string, stepId: string): Promise<void> {
    await this.form.getByTestId('assert-status').selectOption(status);
    await this.form.getByTestId('assert-reached-step').selectOption(stepId);
    await this.form.getByTestId('assert-reached-add').click();
  }

  /** The verdict badge of case `index` ("passed", "failed", "stale"…). */
  verdict(index: number): Locator {
    return this.root.getByTestId(`case-row-${index}`).getByTestId('case-verdict');
  }
}
