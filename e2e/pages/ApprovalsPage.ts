import { expect, type Locator, type Page } from '@playwright/test';

/** `/approvals`: the run-time approval tasks the signed-in user may decide. */
export class ApprovalsPage {
  readonly heading: Locator;
  readonly inbox: Locator;
  readonly statusFilter: Locator;
  readonly done: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Approvals' });
    this.inbox = page.getByTestId('approvals-inbox');
    this.statusFilter = page.getByTestId('approval-status');
    this.done = page.getByTestId('decision-done');
  }

  async goto(): Promise<void> {
    await this.page.goto('/approvals');
    await expect(this.heading).toBeVisible();
  }

  /** The task card of a run (a card links to its run). */
  taskOfRun(runId: string): Locator {
    return this.inbox
      .locator('[data-testid^="approval-"]')
      .filter({ has: this.page.locator(`a[href="/runs/${runId}"]`) });
  }

  async decide(runId: string, decision: 'approve' | 'reject', comment?: string): Promise<void> {
    const card = this.taskOfRun(runId);
    if (comment) await card.getByTestId('approval-comment').fill(comment);
    await card.getByTestId(decision === 'approve' ? 'approve-task' : 'reject-task').click();
    await expect(this.done.filter({ has: this.page.locator(`a[href="/runs/${runId}"]`) })).toBeVisible();
  }
}
