// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleGraph, storeOf } from '../commands/testing';
import { EditorProvider } from '../store/context';
import type { EditorStore } from '../store/createEditorStore';
import { ConnectDialog } from './ConnectDialog';
import { connectUiOf } from './connectUi';

afterEach(cleanup);

function openFor(nodeId: string): { store: EditorStore; dialog: HTMLElement } {
  const store = storeOf(sampleGraph());
  render(
    <EditorProvider store={store} validate={false}>
      <ConnectDialog />
    </EditorProvider>,
  );
  act(() => connectUiOf(store).getState().open(nodeId));
  return { store, dialog: screen.getByTestId('connect-dialog') };
}

const targetsOf = (store: EditorStore, source: string) =>
  store
    .getState()
    .edges.filter((e) => e.source === source)
    .map((e) => `${e.sourceHandle}->${e.target}`);

describe('ConnectDialog', () => {
  it('when an output and a step are chosen and Connect pressed then the edge is added, read out, and undo removes it', async () => {
    const user = userEvent.setup();
    const { store, dialog } = openFor('condition_1');
    // The first free output is proposed: "true" already leads to block_ip_1.
    expect(within(dialog).getByLabelText('Output')).toHaveProperty('value', 'false');
    await user.selectOptions(within(dialog).getByLabelText('Leads to'), 'http_1');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));

    expect(targetsOf(store, 'condition_1')).toEqual(['true->block_ip_1', 'false->http_1']);
    expect(screen.queryByTestId('connect-dialog')).toBeNull();
    expect(connectUiOf(store).getState().announcement).toMatch(/^Connected condition_1, False, to http_1\./);
    act(() => store.getState().undo());
    expect(targetsOf(store, 'condition_1')).toEqual(['true->block_ip_1']);
  });

  it('when an output that leads to one step is connected elsewhere then the dialog says it replaces the old edge', async () => {
    const user = userEvent.setup();
    const { store, dialog } = openFor('condition_1');
    await user.selectOptions(within(dialog).getByLabelText('Output'), 'true');
    await user.selectOptions(within(dialog).getByLabelText('Leads to'), 'http_1');
    expect(dialog.textContent).toContain('replaces its connection to block_ip_1');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(targetsOf(store, 'condition_1')).toEqual(['true->http_1']);
    expect(connectUiOf(store).getState().announcement).toContain('instead of block_ip_1');
  });

  it('when the same connection is asked again then nothing changes and the dialog says why', async () => {
    const user = userEvent.setup();
    const { store, dialog } = openFor('condition_1');
    await user.selectOptions(within(dialog).getByLabelText('Output'), 'true');
    await user.selectOptions(within(dialog).getByLabelText('Leads to'), 'block_ip_1');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('These two are connected that way already.');
    expect(store.getState().past).toHaveLength(0);
  });

  it('when a connection of the step is removed from the list then its edge is gone (undoable) and it is read out', async () => {
    const user = userEvent.setup();
    const { store, dialog } = openFor('http_1');
    await user.click(within(dialog).getByRole('button', { name: 'Remove http_1 · Next → condition_1' }));
    expect(targetsOf(store, 'http_1')).toEqual([]);
    expect(within(dialog).getByRole('status').textContent).toContain('Removed http_1 · Next → condition_1');
    act(() => store.getState().undo());
    expect(targetsOf(store, 'http_1')).toEqual(['out->condition_1']);
  });

  it('when Close is pressed then the dialog closes without a change', async () => {
    const user = userEvent.setup();
    const { store, dialog } = openFor('http_1');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('connect-dialog')).toBeNull();
    expect(connectUiOf(store).getState().nodeId).toBeNull();
    expect(store.getState().past).toHaveLength(0);
  });
});
