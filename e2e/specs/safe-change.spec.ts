/**
 * Safe change (issue 15): a published playbook that only looks sources up has received
 * real events; an analyst's next version blocks the source at the firewall with neither an
 * approval nor an auto-OK check. The reviewer replays the real events on the new version
 * and reads what it would have done differently (a block on every event; nothing is sent),
 * and sees the default safety policy's violation drawn on the canvas: the path from the
 * trigger to the block that nothing guards. Publishing is blocked until an admin waives
 * that policy for this version with a reason, which the audit log keeps.
 */
import { listAudit, signedWebhook } from '../fixtures/api';
import { containmentPlaybook, gatewayCredential, intelPlaybook, reviewAndPublish } from '../fixtures/playbooks';
import { startReceiver } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';
import { EditorPage } from '../pages/EditorPage';
import { ReviewPage } from '../pages/ReviewPage';

const SOURCES = ['198.51.100.31', '198.51.100.32', '198.51.100.33'];

test('when a reviewer opens an unguarded containment change then the replay of real events shows the blocks it would add and the safety policy draws the unguarded path, and an admin waiver lets it publish', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}) => {
  test.slow(); // two versions through review, three live runs, a replay and three personas
  const receiver = await startReceiver(() => ({ reputation: 'malicious' }));
  try {
    const [alice, bob, carol, admin] = await Promise.all([
      apiAs('alice'),
      apiAs('bob'),
      apiAs('carol'),
      apiAs('admin'),
    ]);
    const name = uniqueName('E2E safe change');

    // v1 looks sources up and is live; three real alerts reach it.
    const { workflowId, version: v1 } = await alice.createWorkflow(intelPlaybook(name, receiver.url), 'e2e: look up');
    await reviewAndPublish(alice, [bob], workflowId, v1); // reads only: one reviewer is enough
    const secret = await alice.setWebhookSecret(workflowId);
    for (const ip of SOURCES) {
      const hook = await signedWebhook(serverURL, workflowId, secret, { src_ip: ip }, { wait: 15_000 });
      expect(hook.status, JSON.stringify(hook.body)).toBe(200);
    }
    expect(receiver.callsTo('/block')).toHaveLength(0);

    // v2 blocks every malicious source, with no approval and no auto-OK check.
    const credential = await gatewayCredential(admin, receiver.url);
    const v2 = await alice.saveVersion(
      workflowId,
      containmentPlaybook(name, { receiverUrl: receiver.url, credential, enrich: true, unguarded: true }),
      'e2e: block malicious sources at once',
    );
    const review = await alice.requestReview(workflowId, v2.number, ['bob', 'carol']);

    await loginAs(page, 'bob');
    const reviewPage = new ReviewPage(page);
    await reviewPage.goto(review.id);

    // The replay of the real events: every one of them would now end in a block.
    const replay = page.getByTestId('replay-section');
    await replay.getByTestId('start-replay').click();
    await expect(replay.getByTestId('replay-opened')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const summary = replay.getByTestId('replay-diff').getByTestId('replay-summary');
    await expect(summary).toHaveAttribute('data-events', String(SOURCES.length));
    await expect(summary).toHaveAttribute('data-different', String(SOURCES.length));
    const rows = replay.getByTestId('replay-row');
    await expect(rows).toHaveCount(SOURCES.length);
    for (const row of await rows.all()) {
      await expect(row).toHaveAttribute('data-outcome', 'different');
      await expect(row.getByTestId('effect-added')).toContainText(/block/i);
    }
    await expect(rows.first().getByTestId('path-candidate')).toContainText('block');
    // Simulated: the firewall never heard of it.
    expect(receiver.callsTo('/block')).toHaveLength(0);

    // The safety policy: the unguarded path trigger → enrich → block, drawn on the canvas.
    const policies = page.getByTestId('review-safety-policies');
    const violation = policies.getByTestId('policy-violation-destructive-guarded-block');
    await expect(violation).toContainText(/approval or an auto-OK check/i);
    await expect(page.getByTestId('policy-blocked')).toContainText('Publishing is blocked');
    await policies.getByTestId('show-path-destructive-guarded-block').click();
    const drawn = page.locator('.react-flow__edge.edge-policy-path[data-policy-path="true"]');
    await expect(page.getByTestId('rf__edge-alert:out->enrich')).toHaveClass(/edge-policy-path/);
    await expect(page.getByTestId('rf__edge-enrich:out->block')).toHaveClass(/edge-policy-path/);
    await expect(drawn).toHaveCount(2);
    await expect(page.getByTestId('rf__edge-block:out->done')).not.toHaveClass(/edge-policy-path/);

    // Both reviewers approve; publishing is still refused by the policy.
    await bob.decide(review.id, 'approve', 'e2e: a replay shows the blocks');
    await carol.decide(review.id, 'approve', 'e2e: agreed');
    await expect(alice.publish(workflowId, v2.number)).rejects.toThrow(/HTTP 409.*policy/i);

    // An admin waives the policy for this version, with a reason; then it publishes.
    await page.context().clearCookies();
    await loginAs(page, 'admin');
    await reviewPage.goto(review.id);
    const reason = 'e2e: the sources are a known botnet; contain without waiting, for this week only';
    await page.getByTestId('waive-destructive-guarded').click();
    await page.getByTestId('waive-reason-destructive-guarded').fill(reason);
    await page.getByTestId('waive-submit-destructive-guarded').click();
    await expect(page.getByTestId('waiver-destructive-guarded')).toContainText(reason);
    await expect(page.getByTestId('policy-blocked')).toHaveCount(0);
    await alice.publish(workflowId, v2.number);
    const workflow = await alice.get<{ published: { number: number } | null }>(`/workflows/${workflowId}`);
    expect(workflow.published?.number).toBe(v2.number);

    const waived = (await listAudit(admin, { action: 'policy.waived', limit: '50' })).find(
      (e) => e.details['reason'] === reason,
    );
    expect(waived?.actor).toBe(`user:${admin.user.id}:admin`);
  } finally {
    await receiver.close();
  }
});

test('when an analyst removes the approval in front of the example’s FortiGate block then the editor lists the safety policy and draws the unguarded path', async ({
  page,
  loginAs,
  apiAs,
}) => {
  const alice = await apiAs('alice');
  const example = await alice.get<{ id: string }>('/workflows/malicious-ip-containment');

  await loginAs(page, 'alice');
  const editor = new EditorPage(page);
  await editor.goto(example.id);
  const violations = page.getByTestId('policy-violations');
  await expect(violations).toHaveCount(0); // as published, the example complies

  // Take the approval out and wire the confidence check straight to the block.
  await editor.select('approve_block');
  await page.keyboard.press('Delete');
  await expect(editor.node('approve_block')).toHaveCount(0);
  await editor.connect('check_confidence', 'true', 'block_ip');

  const row = violations.getByTestId('policy-violation-destructive-guarded-block_ip');
  await expect(row).toContainText(/approval or an auto-OK check/i);
  await row.click();
  for (const edge of [
    'siem_alert:out->enrich_ip',
    'enrich_ip:out->check_confidence',
    'check_confidence:true->block_ip',
  ]) {
    await expect(page.getByTestId(`rf__edge-${edge}`)).toHaveClass(/edge-policy-path/);
  }
  await expect(page.locator('.react-flow__edge.edge-policy-path')).toHaveCount(3);
  await expect(editor.node('block_ip')).toHaveClass(/node-policy-path/);
});
