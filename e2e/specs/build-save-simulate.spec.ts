import { randomInt } from 'node:crypto';
import { gatewayCredential } from '../fixtures/playbooks';
import { expect, test, uniqueName } from '../fixtures/test';
import { EditorPage } from '../pages/EditorPage';
import { SimulationPage } from '../pages/SimulationPage';
import { TestsPanel } from '../pages/TestsPanel';
import { WorkflowListPage } from '../pages/WorkflowListPage';

/** An address no other test (or retry) uses: 198.18.0.0/15 is reserved for benchmarks. */
const freshIp = () => `198.${randomInt(18, 20)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

test('when an analyst builds, fixes, saves and simulates a containment playbook then the block is reported, refused once the IP is protected, and the version goes to review', async ({
  page,
  loginAs,
  apiAs,
}, testInfo) => {
  test.slow(); // a whole authoring session: ~40 gestures on a 2-core machine
  const ip = freshIp();
  const name = uniqueName('E2E containment');
  // The action gateway's credentials (what block-ip and notify steps became), made by an admin.
  const admin = await apiAs('admin');
  const firewall = await gatewayCredential(admin, 'https://firewall.example');
  const chat = await gatewayCredential(admin, 'https://chat.example', {
    auth: 'webhook_url',
    url: 'https://chat.example/hooks/e2e',
  });
  await loginAs(page, 'alice');

  // A new workflow from the list.
  const list = new WorkflowListPage(page);
  await list.goto();
  await list.newWorkflow.click();
  const editor = new EditorPage(page);
  await expect(editor.canvas).toBeVisible();
  await editor.setName(name);

  // Six nodes from the palette, in two rows.
  //   webhook → http → condition ─true→ approval ─approved→ gateway block_ip → gateway notify
  const trigger = await editor.dropNode('trigger.webhook', { x: 40, y: 90 });
  const enrich = await editor.dropNode('http', { x: 290, y: 90 });
  const check = await editor.dropNode('condition', { x: 540, y: 90 });
  const approve = await editor.dropNode('approval', { x: 40, y: 360 });
  const block = await editor.dropNode('connector-autonomic-gateway-block_ip', { x: 290, y: 360 });
  const notify = await editor.dropNode('connector-autonomic-gateway-notify', { x: 540, y: 360 });
  expect([trigger, enrich, check, approve, block, notify]).toEqual([
    'webhook_1',
    'http_1',
    'condition_1',
    'approval_1',
    'block_ip_1',
    'notify_1',
  ]);

  await editor.connect(trigger, 'out', enrich);
  await editor.connect(enrich, 'out', check);
  await editor.connect(check, 'true', approve);
  await editor.connect(approve, 'approved', block);
  await editor.connect(block, 'out', notify);

  // Forms, by label. Templates put JSONata in {{ }}; the predicate is plain JSONata.
  await editor.select(enrich);
  await editor.fill('URL', 'https://intel.example/ip/{{ event.src_ip }}');

  // A broken expression is a problem on its node; fixing it clears it.
  await editor.select(check);
  await editor.panel.getByRole('button', { name: 'Edit as JSONata' }).click();
  await editor.fill('Predicate', `steps.${enrich}.output.status =`);
  const predicateProblem = editor.problemsOf(check).filter({ hasText: '· predicate' });
  await expect(predicateProblem).toContainText(/invalid expression/i);
  await editor.fill('Predicate', `steps.${enrich}.output.status = 200`);
  await expect(predicateProblem).toHaveCount(0);

  await editor.select(block);
  await editor.panel.getByLabel('Credential').selectOption(firewall);
  await editor.fill(/^IP address/, '{{ event.src_ip }}');
  await editor.fill(/^Reason/, 'Malicious source {{ event.src_ip }} ({{ event.alert_id }})');
  await editor.fill(/^Path/, '/api/block');

  await editor.select(notify);
  await editor.panel.getByLabel('Credential').selectOption(chat);
  await editor.fill(/^Text/, 'Blocked {{ event.src_ip }}');
  await editor.fill(/^To/, '#soc');
  await editor.fill(/^Message/, 'Blocked {{ event.src_ip }}');
  await expect(editor.problemCount).toHaveText('0 problems');

  // Undo and redo a change by keyboard: a "false" branch that also notifies.
  await editor.connect(check, 'false', notify);
  await expect(editor.edges).toHaveCount(6);
  await editor.undo();
  await expect(editor.edges).toHaveCount(5);
  await editor.redo();
  await expect(editor.edges).toHaveCount(6);

  const { workflowId, version } = await editor.save('First containment draft (e2e)');
  expect(version).toBe(1);
  await expect(editor.version).toContainText('draft');
  await expect(editor.problemCount).toHaveText('0 problems');

  // Simulate a pasted event: nothing is sent, the block is reported as what would run.
  await editor.simulateLink.click();
  const sim = new SimulationPage(page);
  await expect(sim.form).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/versions/1/simulate$`));
  await sim.pasteEvent({ alert_id: 'A-1', rule: 'e2e', src_ip: ip });
  await sim.run();
  await expect(sim.status()).toHaveText('succeeded');
  await expect(sim.effect(block)).toContainText(`Block IP ${ip}`);
  await expect(sim.decision(block)).toHaveText('would run');
  await expect(sim.decision(notify)).toHaveText('would run');

  // An admin protects the address: the same simulation now refuses the block and stops there.
  await admin.addSafetyEntry({
    list: 'protected',
    kind: 'ip',
    value: ip,
    criticality: 'high',
    reason: 'e2e: the SOC jump host',
  });
  await sim.run();
  await expect(sim.decision(block)).toHaveText('refused');
  await expect(sim.effect(block)).toContainText('criticality high');
  // A refused action fails the run there: nothing after it would run.
  await expect(sim.status()).toHaveText('failed');
  await expect(sim.effect(notify)).toHaveCount(0);
  const shot = testInfo.outputPath('simulation-refused.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('simulation with the IP protected', { path: shot, contentType: 'image/png' });

  // Back in the editor: a test case for the reviewers (a new destructive step is a
  // high-risk change, which the review policy approves only with green cases).
  await page.goto(`/workflows/${workflowId}`);
  await expect(editor.canvas).toBeVisible();
  await page.getByTestId('open-tests').click();
  const tests = page.getByTestId('tests-panel');
  await tests.getByTestId('add-case').click();
  const form = tests.getByTestId('case-form');
  await form.getByTestId('case-name').fill('Known-bad source');
  // The webhook trigger here declares no event fields: the case's event is written in its JSON view.
  await new TestsPanel(page).setEventJson({ alert_id: 'A-2', rule: 'e2e', src_ip: freshIp() });
  await form.getByTestId('assert-status').selectOption('succeeded');
  await form.getByTestId('assert-reached-step').selectOption(block);
  await form.getByTestId('assert-reached-add').click();
  const second = await editor.save('Add a test case for the reviewers');
  expect(second.version).toBe(2);
  await expect(tests.getByTestId('case-row-0').getByTestId('case-verdict')).toHaveText(/passed/i, {
    timeout: 30_000,
  });

  // Request review from two reviewers.
  await editor.requestReview.click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/versions/2/review$`));
  await page.getByTestId('reviewer-bob').check();
  await page.getByTestId('reviewer-carol').check();
  await page.getByTestId('review-note').fill('Blocks a source IP after approval; a test case included.');
  await page.getByTestId('submit-review-request').click();
  await expect(page.getByTestId('review-requested')).toBeVisible();
  const versions = await admin.get<{ versions: { number: number; status: string }[] }>(
    `/workflows/${workflowId}/versions`,
  );
  expect(versions.versions.find((v) => v.number === 2)?.status).toBe('in_review');
});
