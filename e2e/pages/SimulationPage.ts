import { expect, type Locator, type Page } from '@playwright/test';
import { SchemaFormPart } from './schemaForm';

export type ApprovalAnswer = 'approved' | 'rejected' | 'timeout';
export type EffectDecision = 'would run' | 'refused' | 'auto-ok';

/** `/workflows/:id/versions/:number/simulate`: run a version on an event, nothing sent. */
export class SimulationPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly eventJson: Locator;
  /** The event form made from the trigger's input schema, with its Form / JSON views. */
  readonly eventForm: SchemaFormPart;
  readonly fixturesJson: Locator;
  /** The fixtures: the fixture editor (forms) with a JSON view of the whole object. */
  readonly fixtures: Locator;
  readonly caseSelect: Locator;
  readonly approvals: Locator;
  readonly runButton: Locator;
  readonly progress: Locator;
  readonly result: Locator;
  readonly effects: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Simulate/ });
    this.form = page.getByTestId('simulation-form');
    this.eventJson = page.getByTestId('event-json');
    this.eventForm = new SchemaFormPart(page, 'sim-event');
    this.fixturesJson = page.getByTestId('fixtures-json');
    this.fixtures = page.getByTestId('sim-fixtures');
    this.caseSelect = page.getByTestId('case-select');
    this.approvals = page.getByTestId('approvals-policy');
    this.runButton = page.getByTestId('run-simulation');
    this.progress = page.getByTestId('simulation-progress');
    this.result = page.getByTestId('simulation-result');
    this.effects = page.getByTestId('effects-report');
    this.error = page.getByTestId('api-error');
  }

  async goto(workflowId: string, number: number): Promise<void> {
    await this.page.goto(`/workflows/${workflowId}/versions/${number}/simulate`);
    await expect(this.form).toBeVisible();
  }

  /** Switches to "A new event": the form made from the trigger's input schema. */
  async newEvent(): Promise<void> {
    await this.form.getByRole('radio', { name: 'A new event' }).check();
    await expect(this.eventForm.root).toBeVisible();
  }

  /**
   * Fills the event form field by field, as an analyst does (no JSON): text and numbers
   * are typed, a choice is selected, `true`/`false` ticks or clears a yes/no box.
   */
  async fillEvent(values: Record<string, string | boolean>): Promise<void> {
    await this.newEvent();
    await this.eventForm.fill(values);
  }

  /** Switches to "A new event", opens its JSON view (for experts) and types the event as JSON. */
  async pasteEvent(event: unknown): Promise<void> {
    await this.newEvent();
    await this.eventForm.view('json');
    await this.eventJson.fill(JSON.stringify(event, null, 2));
  }

  async useCase(name: string): Promise<void> {
    await this.form.getByRole('radio', { name: 'Stored test case' }).check();
    await this.caseSelect.selectOption(name);
  }

  /** Opens the fixtures' JSON view (for experts) and types the whole fixtures object. */
  async setFixtures(fixtures: Record<string, unknown>): Promise<void> {
    await this.fixtures.getByTestId('fixtures-view-json').click();
    await this.fixturesJson.fill(JSON.stringify(fixtures));
  }

  /** Adds a fixture for a step that calls out, from the pick-list; it answers with an output until told otherwise. */
  async addFixture(stepId: string): Promise<void> {
    await this.fixtures.getByTestId('fixtures-view-form').click();
    await this.fixtures.getByTestId('add-fixture-step').selectOption(stepId);
    await this.fixtures.getByTestId('add-fixture').click();
    await expect(this.fixtures.getByTestId(`fixture-${stepId}`)).toBeVisible();
  }

  /** A fixture's output form (from the step's output schema). */
  output(stepId: string): SchemaFormPart {
    return new SchemaFormPart(this.page, `fixture-${stepId}-output`, this.fixtures);
  }

  /** Fills a fixture's output field by field (labels of the step's output schema), no JSON. */
  async fillOutput(stepId: string, values: Record<string, string | boolean>): Promise<void> {
    await this.output(stepId).fill(values);
  }

  async answerApprovals(answer: ApprovalAnswer): Promise<void> {
    await this.approvals.selectOption(answer);
  }

  /** Runs the simulation and waits for its result (a later run replaces the earlier one). */
  async run(): Promise<void> {
    const before = await this.result
      .getByRole('link', { name: 'stored run' })
      .getAttribute('href')
      .catch(() => null);
    await this.runButton.click();
    await expect(this.runButton).toBeEnabled({ timeout: 30_000 });
    await expect(this.result.or(this.error)).toBeVisible();
    if (await this.error.isVisible()) throw new Error(`simulation refused: ${await this.error.innerText()}`);
    if (before) await expect(this.result.getByRole('link', { name: 'stored run' })).not.toHaveAttribute('href', before);
  }

  /** The run's status badge ("succeeded", "failed", "waiting"…). */
  status(): Locator {
    return this.result.getByRole('heading', { level: 2, name: /^Result/ }).locator('.badge');
  }

  /** The effects report's row of a step key (one per write or destructive step that ran). */
  effect(stepKey: string): Locator {
    return this.page.getByTestId(`effect-${stepKey}`);
  }

  /** The decision badge of an effect: "would run", "refused" or "auto-ok". */
  decision(stepKey: string): Locator {
    return this.effect(stepKey).locator('[class*="decision-"]');
  }

  traceStep(nodeId: string): Locator {
    return this.page.getByTestId(`trace-step-${nodeId}`);
  }
}
