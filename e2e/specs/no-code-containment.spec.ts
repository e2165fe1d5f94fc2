/**
 * Issue 16, "Done when": an analyst who does not program builds the containment
 * playbook on the canvas, finishing every step by picking and filling in forms: the
 * event's fields, credentials and approvers from pick-lists, values from the data picker,
 * the condition with the builder, the test case's event and the enrichment's answer on
 * forms made from their schemas, the approval's answer from a list. Nothing she types is
 * JSONata or JSON (every typed value is checked below), and the result has no problem, no
 * safety-policy violation, a green test case that covers the block, and simulations (the
 * event and AbuseIPDB's answer on forms) that block the address once the approval is given
 * and leave it alone on a low score.
 *
 * ```
 * alert → check (AbuseIPDB) → decide ─true→ approve ─approved→ block (FortiGate) ─out→ blocked
 *                                 │            └rejected→ declined       └error→ block_failed
 *                                 └false→ benign
 * ```
 */
import type { Locator } from '@playwright/test';
import { seedTestCredential, uniqueCredentialName } from '../fixtures/credentials';
import { expect, test, uniqueName } from '../fixtures/test';
import { ConnectorStepPanel } from '../pages/ConnectorStepPanel';
import { EditorLayout } from '../pages/EditorLayout';
import { EditorPage } from '../pages/EditorPage';
import { SimulationPage } from '../pages/SimulationPage';
import { TestsPanel } from '../pages/TestsPanel';

const SCORE_FIELD = 'data.abuseConfidenceScore';

interface SavedDocument {
  document: {
    trigger: { inputSchema: { properties?: Record<string, unknown> } };
    steps: Record<string, { type: string; params: Record<string, unknown>; transitions: Record<string, string[]> }>;
    tests: { name: string; event: unknown; fixtures?: Record<string, unknown>; approvals?: unknown }[];
  };
  problems: unknown[];
}

/** Every value the analyst types, so the test can prove none of it is code. */
const typed: string[] = [];
async function type(field: Locator, value: string): Promise<void> {
  typed.push(value);
  await field.fill(value);
  await expect(field).toHaveValue(value);
}

test('when an analyst who does not program builds the containment playbook then pick-lists, the condition builder and forms are all she needs: no JSONata or JSON typed, no problem or policy violation, a passing test case over the block, and simulations on forms that block after approval or leave a low-score address alone', async ({
  page,
  loginAs,
  apiAs,
}, testInfo) => {
  test.slow(); // a whole authoring session, a save with its test run and a simulation on 2 cores
  const admin = await apiAs('admin');
  const abuse = uniqueCredentialName('abuse_nocode');
  const firewall = uniqueCredentialName('fw_nocode');
  await seedTestCredential(admin, 'abuseipdb', abuse);
  await seedTestCredential(admin, 'fortigate', firewall, { host: 'fw.e2e.test', port: '443' });

  await loginAs(page, 'alice');
  const editor = new EditorPage(page);
  const layout = new EditorLayout(page);
  const connectors = new ConnectorStepPanel(editor);
  await editor.gotoNew();
  // Zoomed out one step, a 4 × 4 grid of cards fits the canvas beside the open palette and panel.
  await editor.canvas.getByRole('button', { name: 'Zoom out' }).click();
  const at = (col: number, row: number) => ({ x: 20 + col * 165, y: 80 + row * 150 });
  const name = uniqueName('E2E no-code containment');
  typed.push(name);
  await editor.setName(name);

  /** Wires `source`'s port to `target` with the node panel's Connect dialog (no handle dragging). */
  const connect = async (source: string, port: string, target: string) => {
    await editor.select(source);
    await layout.connectButton.click();
    await layout.connectPort.selectOption(port);
    await layout.connectTarget.selectOption(target);
    await layout.connectDialog.getByTestId('connect-confirm').click();
    await expect(layout.connectDialog).toBeHidden();
  };
  /** An end step with its outcome chosen from the list and a message in words. */
  const end = async (where: { x: number; y: number }, status: 'succeeded' | 'failed', message: string) => {
    const id = await editor.dropNode('end', where);
    await editor.select(id);
    // "succeeded" is the default outcome; a failure is chosen from the list.
    if (status === 'failed') await editor.field(/^Status/).selectOption(status);
    await type(editor.field(/^Message/), message);
    return id;
  };

  // The alert's one field, named in the trigger's event form.
  const alert = await editor.dropNode('trigger.webhook', at(0, 0));
  await editor.select(alert);
  await editor.panel.getByRole('button', { name: 'Add field' }).click();
  await type(editor.field('Field 1 name'), 'src_ip');

  // Enrichment: credential from the pick-list, the IP from the data picker.
  await connectors.searchPalette('abuse');
  const check = await connectors.dropAction('abuseipdb', 'check_ip', at(1, 0));
  await connect(alert, 'out', check);
  await editor.select(check);
  await connectors.chooseCredential(abuse);
  await connectors.pick(connectors.input(/^IP address/), 'event.src_ip');

  // The decision, built from rows: the score offered by the action's answer, "≥", 70.
  await connectors.searchPalette('');
  const decide = await editor.dropNode('condition', at(2, 0));
  await connect(check, 'out', decide);
  await editor.select(decide);
  const score = `steps.${check}.output.${SCORE_FIELD}`;
  const row = editor.conditionRow(1);
  await row.field.selectOption(score);
  await row.operator.selectOption({ label: 'is at least (≥)' });
  await type(row.value, '70');
  await expect(editor.generatedJsonata).toHaveText(`${score} >= 70`);

  // The approval: the on-call lead ticked in the directory, nothing typed.
  const approve = await editor.dropNode('approval', at(2, 1));
  await connect(decide, 'true', approve);
  await editor.select(approve);
  await editor.panel
    .getByRole('checkbox', { name: /\(oncall\)$/ })
    .first()
    .check();

  // The block: found by its verb, the firewall's credential picked, the address from the event.
  await connectors.searchPalette('block');
  const block = await connectors.dropAction('fortigate', 'block_ip', at(3, 1));
  await connect(approve, 'approved', block);
  await editor.select(block);
  await connectors.chooseCredential(firewall);
  await connectors.pick(connectors.input(/^IPv4 address/), 'event.src_ip');
  await connectors.searchPalette('');

  const blocked = await end(at(3, 2), 'succeeded', 'Address blocked');
  const failed = await end(at(2, 3), 'failed', 'The firewall refused the block');
  const declined = await end(at(1, 2), 'succeeded', 'The on-call lead declined');
  const benign = await end(at(3, 0), 'succeeded', 'Not malicious');
  await connect(block, 'out', blocked);
  await connect(block, 'error', failed);
  await connect(approve, 'rejected', declined);
  await connect(decide, 'false', benign);
  await editor.canvas.getByRole('button', { name: /^Auto-layout/ }).click();

  // Finished: no problem and no safety policy breached (the block is approved and handles its failure).
  await expect(editor.problemCount).toHaveText('0 problems');
  await expect(page.getByTestId('policy-violations')).toHaveCount(0);
  await editor.save('Block a malicious address after the on-call lead approves (built without code)');

  // A test case on forms: the event from the trigger's field, AbuseIPDB's answer from its
  // response schema (the score typed as a number), the approval answered from a list.
  const cases = new TestsPanel(page);
  await cases.open();
  await cases.addCase('Known bad address is blocked');
  typed.push('Known bad address is blocked');
  await cases.fillEvent({ src_ip: '203.0.113.66' });
  typed.push('203.0.113.66');
  await cases.addFixture(check);
  await cases.fillOutput(check, { ipAddress: '203.0.113.66', abuseConfidenceScore: '97' });
  typed.push('203.0.113.66', '97');
  await cases.form.getByTestId(`approval-${approve}-decision`).selectOption('approved');
  await cases.expectStatusAndReached('succeeded', block);
  const { workflowId, version } = await editor.save('A test case for the block');
  await expect(cases.verdict(0)).toHaveText(/passed/i, { timeout: 30_000 });
  const shot = testInfo.outputPath('no-code-containment.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('the containment playbook built without code', { path: shot, contentType: 'image/png' });

  // What was saved is the playbook she meant: generated JSONata, picked names, typed numbers.
  const saved = await admin.get<SavedDocument>(`/workflows/${workflowId}/versions/${version}`);
  expect(saved.problems).toEqual([]);
  const steps = saved.document.steps;
  expect(steps[decide]?.params['predicate']).toBe(`${score} >= 70`);
  expect(steps[approve]?.params['approvers']).toMatchObject({ users: ['oncall'] });
  expect(steps[block]?.params).toMatchObject({ credential: firewall, input: { ip: '{{ event.src_ip }}' } });
  expect(steps[check]?.params).toMatchObject({ credential: abuse, input: { ipAddress: '{{ event.src_ip }}' } });
  expect(steps[block]?.transitions).toEqual({ out: [blocked], error: [failed] });
  expect(saved.document.tests[0]?.fixtures).toEqual({
    [check]: { output: { data: { ipAddress: '203.0.113.66', abuseConfidenceScore: 97 } } },
  });
  const policy = await admin.get<{ violations: unknown[]; blocking: boolean }>(
    `/workflows/${workflowId}/versions/${version}/policy-check`,
  );
  expect(policy).toMatchObject({ violations: [], blocking: false });

  // The simulation, on an event filled in on the form: AbuseIPDB's example answer is
  // malicious, the approval is given, and the block is reported (not sent).
  await editor.simulateLink.click();
  const sim = new SimulationPage(page);
  await sim.fillEvent({ src_ip: '203.0.113.77' });
  await sim.answerApprovals('approved');
  await sim.run();
  await expect(sim.status()).toHaveText('succeeded');
  await expect(sim.traceStep(block)).toBeVisible();
  await expect(sim.decision(block)).toHaveText(/would run/i);
  await expect(sim.traceStep(benign)).toHaveCount(0);

  // Again with AbuseIPDB's answer filled in on the form made from its response schema: a
  // low score leaves the address alone, and nothing is blocked.
  await sim.addFixture(check);
  await sim.fillOutput(check, { ipAddress: '203.0.113.77', abuseConfidenceScore: '12' });
  typed.push('203.0.113.77', '12');
  await sim.run();
  await expect(sim.status()).toHaveText('succeeded');
  await expect(sim.traceStep(benign)).toBeVisible();
  await expect(sim.traceStep(block)).toHaveCount(0);

  // Nothing typed was code: no JSON, no JSONata operator, no template braces.
  for (const value of typed) {
    expect(value, `typed "${value}"`).not.toMatch(/[{}[\]$]|>=|<=|=|\band\b|\bor\b/);
  }
});
