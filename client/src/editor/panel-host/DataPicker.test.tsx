// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { step } from '../commands/testing';
import { connectorStepParams } from '../connectors/catalog';
import { abuseipdb, testCatalog } from '../connectors/testing';
import { EditorProvider } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import type { Graph } from '../types';
import { upstreamExamples } from './dataTree';
import { NodePanel } from './NodePanel';

afterEach(cleanup);

/** webhook_1 → check_1 (abuseipdb check_ip) → done_1 */
function graph(): Graph {
  return {
    nodes: [
      step('webhook_1', 'trigger.webhook'),
      step('check_1', 'connector', connectorStepParams(abuseipdb, 'check_ip')),
      { ...step('done_1', 'end', { status: 'succeeded', message: 'Score: ' }), selected: true },
    ],
    edges: [
      { id: 'webhook_1:out->check_1', source: 'webhook_1', sourceHandle: 'out', target: 'check_1' },
      { id: 'check_1:out->done_1', source: 'check_1', sourceHandle: 'out', target: 'done_1' },
    ],
    metadata: { name: 'Picker' },
    vars: {},
    tests: [],
  };
}

describe('the data picker', () => {
  it("when a connector step is upstream then its tree is its action's example", () => {
    const [tree] = upstreamExamples(graph(), 'done_1', testCatalog());
    expect(tree?.path).toBe('steps.check_1.output');
    expect(tree?.children?.[0]?.children?.map((c) => [c.path, c.value])).toEqual([
      ['steps.check_1.output.data.abuseConfidenceScore', 97],
      ['steps.check_1.output.data.isp', 'Example ISP'],
    ]);
    expect(upstreamExamples(graph(), 'check_1', testCatalog())).toEqual([]);
  });

  it('when a value is clicked then its expression is inserted at the caret of the field last edited (undoable)', async () => {
    const store = createEditorStore(graph());
    store.getState().setConnectors(testCatalog());
    render(
      <EditorProvider store={store} validate={false}>
        <NodePanel />
      </EditorProvider>,
    );
    const message = screen.getByRole('textbox', { name: /Message/ });
    await userEvent.click(message);
    await userEvent.keyboard('{End}');
    const picker = screen.getByTestId('data-picker');
    await userEvent.click(within(picker).getByText('Data from earlier steps'));
    await userEvent.click(within(picker).getByRole('button', { name: /^abuseConfidenceScore/ }));
    const params = () => store.getState().nodes.find((n) => n.id === 'done_1')?.data.params;
    expect(params()?.['message']).toBe('Score: {{ steps.check_1.output.data.abuseConfidenceScore }}');
    store.getState().undo();
    expect(params()?.['message']).toBe('Score: ');
  });
});
