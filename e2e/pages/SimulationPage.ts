import { expect, type Locator, type Page } from '@playwright/test';

export type ApprovalAnswer = 'approved' | 'rejected' | 'timeout';
export type EffectDecision = 'would run' | 'refused' | 'auto-ok';

/** `/workflows/:id/versions/:number/simulate`: run a version on an event, nothing sent. */
export class SimulationPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly eventJson: Locator;
  readonly fixturesJson: Locator;
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
    this.fixturesJson = page.getByTestId('fixtures-json');
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

  /** Switches to "Paste an event" and types the event as JSON. */
  async pasteEvent(event: unknown): Promise<void> {
    await this.form.getByRole('radio', { name: 'Paste an event' }).check();
    await this.eventJson.fill(JSON.stringify(event, null, 2));
  }

  async useCase(name: string): Promise<void> {
    await this.form.getByRole('radio', { name: 'Stored test case' }).check();
    await this.caseSelect.selectOption(name);
  }

  async setFixtures(fixtures: Record<string, unknown>): Promise<void> {
    await this.fixturesJson.fill(JSON.stringify(fixtures));
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
