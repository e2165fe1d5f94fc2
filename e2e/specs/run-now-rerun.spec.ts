import { compileGraph, type EditorGraph, type EditorNode } from '@autonomic/workflow';
import { replyWith, startReceiver } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';
import { RunDetailPage } from '../pages/RunDetailPage';

const node = (id: string, nodeType: string, column: number, params: unknown, label: string): EditorNode => ({
  id,
  type: nodeType.startsWith('trigger.') ? 'trigger' : 'step',
  position: { x: column * 260, y: 0 },
  data: { nodeType, params, label },
});

const get = (url: string) => ({ method: 'GET', url, headers: {}, query: {} });

/**
 * ```
 * start (manual: Source IP, Severity) → intel (GET /intel/{{ ip }}) → asset (GET /asset) → done
 * ```
 * Read-only: one reviewer's approval publishes it.
 */
function lookupPlaybook(name: string, receiverUrl: string): Record<string, unknown> {
  const start = node('start', 'trigger.manual', 0, {}, 'Analyst starts');
  start.data.inputSchema = {
    type: 'object',
    required: ['ip', 'severity'],
    properties: {
      ip: { type: 'string', format: 'ipv4', title: 'Source IP', description: 'The address to look up.' },
      severity: { type: 'string', enum: ['low', 'high'], title: 'Severity' },
    },
  };
  const graph: EditorGraph = {
    metadata: { name, tags: ['e2e'] },
    nodes: [
      start,
      node('intel', 'http', 1, get(`${receiverUrl}/intel/{{ event.ip }}`), 'Threat intel'),
      node('asset', 'http', 2, get(`${receiverUrl}/asset`), 'Asset owner'),
      node('done', 'end', 3, { status: 'succeeded', message: 'Looked up {{ event.ip }}' }, 'Done'),
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'intel', sourceHandle: 'out' },
      { id: 'e2', source: 'intel', target: 'asset', sourceHandle: 'out' },
      { id: 'e3', source: 'asset', target: 'done', sourceHandle: 'out' },
    ],
  };
  const { document, problems } = compileGraph(graph);
  if (!document || problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  return document;
}

test('when an analyst runs a playbook now with the form and its failed step is re-run after the fix then it succeeds and the steps before it are not called twice', async ({
  page,
  loginAs,
  apiAs,
}) => {
  test.slow(); // a review, a publish and two live runs
  let assetFixed = false;
  const receiver = await startReceiver((call) =>
    call.path === '/asset' && !assetFixed
      ? replyWith(500, { error: 'asset database down' })
      : { ok: true, reputation: 'malicious', owner: 'it-ops' },
  );
  try {
    const [alice, bob] = await Promise.all([apiAs('alice'), apiAs('bob')]);
    const { workflowId, version } = await alice.createWorkflow(
      lookupPlaybook(uniqueName('E2E run now'), receiver.url),
      'e2e: a look-up to run by hand',
    );
    const review = await alice.requestReview(workflowId, version.number, ['bob']);
    await bob.decide(review.id, 'approve', 'e2e: read-only');
    await alice.publish(workflowId, version.number);

    // Run now: the event typed into the form made from the trigger's schema (no JSON).
    await loginAs(page, 'alice');
    await page.goto(`/workflows/${workflowId}`);
    await page.getByTestId('run-now-link').click();
    await expect(page.getByRole('heading', { name: /Run .* now/ })).toBeVisible();
    await page.getByLabel(/Source IP/).fill('not-an-ip');
    await page.getByLabel(/Severity/).selectOption('high');
    await page.getByTestId('start-run').click();
    await expect(page.getByText('Source IP must be an IPv4 address (e.g. 10.0.0.1)')).toBeVisible();
    await page.getByLabel(/Source IP/).fill('198.51.100.23');
    await page.getByTestId('start-run').click();

    // The run fails at the asset look-up (the receiver answers 500).
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const failedId = page.url().split('/').pop() ?? '';
    const run = new RunDetailPage(page);
    await expect(run.status).toContainText('failed', { timeout: 20_000 });
    await expect(run.message).toContainText('asset');
    expect(receiver.callsTo('/intel/198.51.100.23')).toHaveLength(1);
    expect(receiver.callsTo('/asset')).toHaveLength(1);

    // The asset database is back: re-run from the failed step.
    assetFixed = true;
    await page.getByTestId('rerun-failed-step').click();
    await expect(page).not.toHaveURL(new RegExp(failedId));
    await expect(run.status).toContainText('succeeded', { timeout: 20_000 });
    await expect(page.getByTestId('rerun-of')).toContainText('from step asset');
    expect(receiver.callsTo('/intel/198.51.100.23')).toHaveLength(1);
    expect(receiver.callsTo('/asset')).toHaveLength(2);

    // The failed run links its re-run.
    await page.getByTestId('rerun-of').getByRole('link').click();
    await expect(page.getByTestId('reruns')).toContainText('from step asset');
  } finally {
    await receiver.close();
  }
});
