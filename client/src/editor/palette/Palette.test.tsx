// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { updateParams } from '../commands';
import { sampleGraph } from '../commands/testing';
import { ProblemsList } from '../problems/ProblemsList';
import { EditorProvider } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import { Palette } from './Palette';

afterEach(cleanup);

function renderEditor(readOnly = false) {
  const store = createEditorStore({ ...sampleGraph(), readOnly });
  render(
    <EditorProvider store={store} validate={false}>
      <Palette />
      <ProblemsList />
    </EditorProvider>,
  );
  return store;
}

describe('palette and problems list', () => {
  it('when a palette item is activated with the keyboard then a node of that type is added and selected', async () => {
    const store = renderEditor();
    screen.getByTestId('palette-approval').focus();
    await userEvent.keyboard('{Enter}');
    const added = store.getState().nodes.at(-1);
    expect(added).toMatchObject({ id: 'approval_1', selected: true, data: { nodeType: 'approval' } });
  });

  it('when searching then only matching items stay, under their category heading', async () => {
    renderEditor();
    await userEvent.type(screen.getByLabelText('Search nodes'), 'vendor connector');
    const nav = screen.getByRole('navigation', { name: 'Node palette' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.dataset['testid']),
    ).toEqual(['palette-connector']);
    expect(within(nav).getByRole('heading', { name: 'Actions' })).toBeTruthy();
  });

  it('when the editor is read-only then palette items are disabled', () => {
    renderEditor(true);
    expect(screen.getByTestId<HTMLButtonElement>('palette-http').disabled).toBe(true);
  });

  it('when a problem is clicked then its node becomes the selection', async () => {
    const store = renderEditor();
    act(() => {
      store.getState().addNodeAt('approval', { x: 0, y: 0 });
      store.getState().select({ nodes: [] });
      store.getState().validateNow();
    });
    const [first] = await screen.findAllByTestId('problem-approval_1');
    if (!first) throw new Error('no problem listed');
    await userEvent.click(first);
    expect(store.getState().selection.nodes).toEqual(['approval_1']);
  });

  it('when an http step writes without a target beside a destructive step then a warning is listed apart, and a click selects it', async () => {
    const store = renderEditor();
    act(() => {
      const http = store.getState().nodes.find((n) => n.id === 'http_1');
      store.getState().run(updateParams, { id: 'http_1', params: { ...http?.data.params, method: 'POST' } });
      store.getState().validateNow();
    });
    const warning = await screen.findByTestId('warning-http_1');
    expect(warning.textContent).toContain('Warning · http_1 (http_1) · target');
    expect(within(screen.getByTestId('warnings-list')).queryAllByTestId(/^problem-/)).toEqual([]);
    await userEvent.click(warning);
    expect(store.getState().selection.nodes).toEqual(['http_1']);
  });
});
