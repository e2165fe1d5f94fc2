/**
 * Issue 16 §2: an analyst finishes a condition without writing JSONata. The builder
 * offers the AbuseIPDB answer's fields (from the pinned action's response schema); she
 * picks the confidence score, "is at least (≥)" and 70, sees the JSONata it makes, saves,
 * reopens the version and finds the same row; the simulation takes the "true" branch.
 */
import { compileGraph, type EditorNode } from '@autonomic/workflow';
import { expect, test, uniqueName } from '../fixtures/test';
import { EditorPage } from '../pages/EditorPage';
import { SimulationPage } from '../pages/SimulationPage';

const SCORE = 'steps.check.output.data.abuseConfidenceScore';

const node = (id: string, nodeType: string, x: number, y: number, params: unknown, label: string): EditorNode => ({
  id,
  type: nodeType.startsWith('trigger.') ? 'trigger' : 'step',
  position: { x, y },
  data: { nodeType, params, label },
});

/**
 * ```
 * alert → check (AbuseIPDB) → decide (condition, predicate not written yet) ─true→ block_it
 *                                                                          └false→ let_go
 * ```
 * Saved as an unfinished draft: the predicate is empty, as when the step was just dropped.
 */
function unfinishedPlaybook(name: string): Record<string, unknown> {
  const alert = node('alert', 'trigger.webhook', 0, 0, {}, 'SIEM alert');
  alert.data.inputSchema = { type: 'object', required: ['src_ip'], properties: { src_ip: { type: 'string' } } };
  const check = node(
    'check',
    'connector',
    260,
    0,
    {
      connector: 'abuseipdb',
      version: '1.0.0',
      action: 'check_ip',
      credential: 'abuseipdb-demo',
      input: { ipAddress: '{{ event.src_ip }}' },
      effect: 'read',
      target: { param: 'ipAddress', kind: 'ip' },
    },
    'AbuseIPDB: Check IP',
  );
  const { document, problems } = compileGraph({
    metadata: { name, tags: ['e2e'] },
    nodes: [
      alert,
      check,
      node('decide', 'condition', 520, 0, { predicate: 'true' }, 'High confidence?'),
      node('block_it', 'end', 780, -120, { status: 'succeeded', message: 'Malicious' }, 'Malicious'),
      node('let_go', 'end', 780, 120, { status: 'succeeded', message: 'Benign' }, 'Benign'),
    ],
    edges: [
      { id: 'e1', source: 'alert', target: 'check', sourceHandle: 'out' },
      { id: 'e2', source: 'check', target: 'decide', sourceHandle: 'out' },
      { id: 'e3', source: 'decide', target: 'block_it', sourceHandle: 'true' },
      { id: 'e4', source: 'decide', target: 'let_go', sourceHandle: 'false' },
    ],
    tests: [],
  });
  if (!document || problems.length > 0) throw new Error(`seed has problems: ${JSON.stringify(problems)}`);
  const steps = document.steps as Record<string, { params: Record<string, unknown> }>;
  const decide = steps['decide'];
  if (!decide) throw new Error('seed lost its condition step');
  decide.params['predicate'] = '';
  return document;
}

test('when an analyst builds "AbuseIPDB confidence ≥ 70" with the condition builder then the JSONata is generated, survives a save and reopen as the same row, and the simulation takes the true branch', async ({
  page,
  loginAs,
  apiAs,
}) => {
  test.slow(); // a save, a reload and a simulation on a 2-core machine
  const alice = await apiAs('alice');
  const { workflowId } = await alice.createWorkflow(unfinishedPlaybook(uniqueName('E2E builder')), 'e2e: unfinished');

  await loginAs(page, 'alice');
  const editor = new EditorPage(page);
  await editor.goto(workflowId);
  await editor.select('decide');
  await expect(editor.problemsOf('decide').filter({ hasText: '· predicate' })).not.toHaveCount(0);

  // Picked, not typed: the score is offered with its type from the action's response schema.
  await expect(editor.conditionRow(1).field.locator('option', { hasText: SCORE })).toContainText('integer');
  await editor.buildCondition(1, { field: SCORE, operator: 'is at least (≥)', value: '70' });
  await expect(editor.generatedJsonata).toHaveText(`${SCORE} >= 70`);
  await expect(editor.problemCount).toHaveText('0 problems');
  const { version } = await editor.save('Block only when AbuseIPDB is confident');

  // Reopened from the server: the builder reads the saved JSONata back into the same row.
  await editor.goto(workflowId);
  await expect(editor.version).toContainText(`v${version}`);
  await editor.select('decide');
  const row = editor.conditionRow(1);
  await expect(row.field).toHaveValue(SCORE);
  await expect(row.operator).toHaveValue('at_least');
  await expect(row.value).toHaveValue('70');
  await expect(editor.generatedJsonata).toHaveText(`${SCORE} >= 70`);

  // The simulated AbuseIPDB answer (the action's example: confidence 100) takes "true".
  await editor.simulateLink.click();
  const sim = new SimulationPage(page);
  await expect(sim.form).toBeVisible();
  await sim.pasteEvent({ src_ip: '203.0.113.77' });
  await sim.run();
  await expect(sim.status()).toHaveText('succeeded');
  await expect(sim.traceStep('decide')).toBeVisible();
  await expect(sim.traceStep('block_it')).toBeVisible();
  await expect(sim.traceStep('let_go')).toHaveCount(0);
});
