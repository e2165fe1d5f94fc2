// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { step } from '../commands/testing';
import { EditorProvider } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import type { Graph } from '../types';
import { eventTree } from './dataTree';
import { NodePanel } from './NodePanel';

afterEach(cleanup);

const schema = {
  type: 'object',
  properties: { src_ip: { type: 'string', format: 'ipv4' }, host: { type: 'object', properties: { name: {} } } },
};

/** webhook_1 (event: src_ip, host.name) → done_1 (end) */
function graph(tests: Graph['tests'] = []): Graph {
  const trigger = step('webhook_1', 'trigger.webhook');
  trigger.data.inputSchema = schema;
  return {
    nodes: [trigger, { ...step('done_1', 'end', { status: 'succeeded', message: 'Seen ' }), selected: true }],
    edges: [{ id: 'webhook_1:out->done_1', source: 'webhook_1', sourceHandle: 'out', target: 'done_1' }],
    metadata: { name: 'Event picker' },
    vars: {},
    tests,
  };
}

describe("the data picker's event", () => {
  it('when the trigger declares event fields then the event is a tree of them, each with its type', () => {
    expect(eventTree(schema, [])).toEqual({
      name: 'Event',
      path: 'event',
      children: [
        { name: 'src_ip', path: 'event.src_ip', detail: 'string (ipv4)' },
        { name: 'host', path: 'event.host', children: [{ name: 'name', path: 'event.host.name', detail: 'any' }] },
      ],
    });
  });

  it('when nothing is declared then there is no event tree; a test case’s event gives its values instead of the types', () => {
    expect(eventTree({ type: 'object' }, [])).toBeUndefined();
    const sampled = eventTree(schema, [{ event: { src_ip: '203.0.113.9' } }]);
    expect(sampled?.children).toEqual([{ name: 'src_ip', path: 'event.src_ip', value: '203.0.113.9' }]);
  });

  it('when an event field is clicked then {{ event.<field> }} is inserted at the caret of the field last edited (undoable)', async () => {
    const store = createEditorStore(graph());
    render(
      <EditorProvider store={store} validate={false}>
        <NodePanel />
      </EditorProvider>,
    );
    await userEvent.click(screen.getByRole('textbox', { name: /Message/ }));
    await userEvent.keyboard('{End}');
    const picker = screen.getByTestId('data-picker');
    await userEvent.click(within(picker).getByText('Data from earlier steps'));
    await userEvent.click(within(picker).getByTitle('event.src_ip'));
    const message = () => store.getState().nodes.find((n) => n.id === 'done_1')?.data.params?.['message'];
    expect(message()).toBe('Seen {{ event.src_ip }}');
    store.getState().undo();
    expect(message()).toBe('Seen ');
  });
});
