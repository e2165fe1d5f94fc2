/**
 * Issue 16 §2/§3: the step forms pick instead of asking for typed names and code. A
 * switch on a number field takes its case value in a number box (the saved document holds
 * the number 5); the sub-workflow step lists the workflows by name, one never published
 * disabled; Save is disabled again once an edit is undone back to the saved version.
 */
import { compileGraph, type EditorNode } from '@autonomic/workflow';
import { expect, test, uniqueName } from '../fixtures/test';
import { EditorPage } from '../pages/EditorPage';

const node = (id: string, nodeType: string, x: number, params: unknown, label: string): EditorNode => ({
  id,
  type: nodeType.startsWith('trigger.') ? 'trigger' : 'step',
  position: { x, y: 0 },
  data: { nodeType, params, label },
});

/**
 * ```
 * start (manual: count, severity) → route (switch, field not picked yet) ─five→ call (sub-workflow, none picked) → done
 *                                                                         └default→ done
 * ```
 */
function playbook(name: string): Record<string, unknown> {
  const start = node('start', 'trigger.manual', 0, {}, 'Start');
  start.data.inputSchema = {
    type: 'object',
    properties: { count: { type: 'integer' }, severity: { type: 'string', enum: ['low', 'high'] } },
  };
  const { document, problems } = compileGraph({
    metadata: { name, tags: ['e2e'] },
    nodes: [
      start,
      node('route', 'switch', 260, { value: 'event.severity', cases: [{ port: 'five', equals: 'x' }] }, 'Route'),
      node('call', 'subworkflow', 520, { workflow: 'placeholder' }, 'Call'),
      node('done', 'end', 780, { status: 'succeeded', message: 'Done' }, 'Done'),
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'route', sourceHandle: 'out' },
      { id: 'e2', source: 'route', target: 'call', sourceHandle: 'five' },
      { id: 'e3', source: 'route', target: 'done', sourceHandle: 'default' },
      { id: 'e4', source: 'call', target: 'done', sourceHandle: 'out' },
    ],
    tests: [],
  });
  if (!document) throw new Error(`seed does not compile: ${JSON.stringify(problems)}`);
  const steps = document.steps as Record<string, { params: Record<string, unknown> }>;
  const route = steps['route'];
  const call = steps['call'];
  if (!route || !call) throw new Error('seed lost a step');
  route.params['value'] = '';
  route.params['cases'] = [{ port: 'five', equals: '' }];
  call.params['workflow'] = '';
  return document;
}

test('when an analyst picks a number field for a switch and types 5 then the saved case is the number 5, the sub-workflow pick-list disables an unpublished workflow, and Save is disabled again after undo', async ({
  page,
  loginAs,
  apiAs,
}) => {
  test.slow(); // a save and a reload on a 2-core machine
  const alice = await apiAs('alice');
  const callee = uniqueName('E2E callee');
  await alice.createWorkflow({ ...playbook(callee) }, 'e2e: never published');
  const { workflowId } = await alice.createWorkflow(playbook(uniqueName('E2E pick-lists')), 'e2e: unfinished');

  await loginAs(page, 'alice');
  const editor = new EditorPage(page);
  await editor.goto(workflowId);
  await expect(editor.saveButton).toBeDisabled();

  // The switch: a field picked, its case value in a number box.
  await editor.select('route');
  await editor.field('Switch on').selectOption('event.count');
  const value = editor.switchCaseValue(1);
  await expect(value).toHaveAttribute('type', 'number');
  await value.fill('5');

  // The sub-workflow: picked by name; the never-published callee is there but cannot be picked.
  await editor.select('call');
  const unpublished = editor.subworkflowPicker.getByRole('option', { name: `${callee} — not published yet` });
  await expect(unpublished).toBeDisabled();
  await expect(editor.problemsOf('call')).toContainText('pick the workflow to call');

  const { version } = await editor.save('Route five alerts');
  const saved = await alice.get<{ document: { steps: Record<string, { params: { cases?: unknown[] } }> } }>(
    `/workflows/${workflowId}/versions/${version}`,
  );
  expect(saved.document.steps['route']?.params.cases).toEqual([{ port: 'five', equals: 5 }]);

  // Nothing changed since the save: disabled; an edit enables it; undoing it disables it again.
  await expect(editor.saveButton).toBeDisabled();
  await expect(editor.saveButton).toHaveAttribute('title', `Nothing changed since v${version}`);
  await editor.select('route');
  await editor.switchCaseValue(1).fill('6');
  await expect(editor.saveButton).toBeEnabled();
  await editor.undo();
  await expect(editor.switchCaseValue(1)).toHaveValue('5');
  await expect(editor.saveButton).toBeDisabled();
  await editor.redo();
  await expect(editor.saveButton).toBeEnabled();
});
