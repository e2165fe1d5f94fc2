// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleGraph, storeOf } from '../../editor/commands/testing';
import { EditorProvider } from '../../editor/store/context';
import type { EditorStore } from '../../editor/store/createEditorStore';
import { CollapsibleColumn } from './CollapsibleColumn';
import { useRemembered } from './useRemembered';
import { PALETTE_COLLAPSED_KEY, PANEL_COLLAPSED_KEY, useSideColumn } from './useSideColumn';

beforeEach(() => window.localStorage.clear());
afterEach(cleanup);

function PaletteColumn() {
  const [collapsed, setCollapsed] = useRemembered(PALETTE_COLLAPSED_KEY, false);
  return (
    <CollapsibleColumn
      label="Palette"
      side="left"
      collapsed={collapsed}
      onToggle={() => setCollapsed(!collapsed)}
      className="editor-palette"
      testId="palette-column"
    >
      <p>palette items</p>
    </CollapsibleColumn>
  );
}

function SideColumn() {
  const side = useSideColumn();
  return (
    <CollapsibleColumn
      label="Panel"
      side="right"
      collapsed={side.collapsed}
      onToggle={side.toggle}
      className="editor-side"
      testId="side-column"
    >
      <p>node settings</p>
    </CollapsibleColumn>
  );
}

const toggle = (name: RegExp) => screen.getByRole('button', { name });
/** Inside a `hidden` region (display: none: neither seen nor read out). */
const hidden = (text: string) => screen.getByText(text).closest('[hidden]') !== null;

describe('collapsible palette', () => {
  it('when the toggle is pressed then the palette folds (aria-expanded false, content hidden) and unfolds again', async () => {
    const user = userEvent.setup();
    render(<PaletteColumn />);
    expect(toggle(/Palette/).getAttribute('aria-expanded')).toBe('true');
    expect(hidden('palette items')).toBe(false);
    await user.click(toggle(/Palette/));
    expect(toggle(/Palette/).getAttribute('aria-expanded')).toBe('false');
    expect(hidden('palette items')).toBe(true);
    expect(screen.getByTestId('palette-column').className).toContain('is-collapsed');
    await user.click(toggle(/Palette/));
    expect(hidden('palette items')).toBe(false);
  });

  it('when folded then the choice is remembered: the next editor opens folded', async () => {
    const user = userEvent.setup();
    const first = render(<PaletteColumn />);
    await user.click(toggle(/Palette/));
    expect(window.localStorage.getItem(PALETTE_COLLAPSED_KEY)).toBe('true');
    first.unmount();
    render(<PaletteColumn />);
    expect(toggle(/Palette/).getAttribute('aria-expanded')).toBe('false');
  });

  it('the toggle points at the region it folds', () => {
    render(<PaletteColumn />);
    const controls = toggle(/Palette/).getAttribute('aria-controls') ?? '';
    expect(document.getElementById(controls)?.textContent).toBe('palette items');
  });
});

describe('collapsible side panel', () => {
  function renderSide(store: EditorStore = storeOf(sampleGraph())) {
    render(
      <EditorProvider store={store} validate={false}>
        <SideColumn />
      </EditorProvider>,
    );
    return store;
  }
  const expanded = () => toggle(/Panel/).getAttribute('aria-expanded');

  it('when folded and a node is then selected then the panel opens on it; folded again it stays folded until another node is selected', async () => {
    const user = userEvent.setup();
    const store = renderSide();
    await user.click(toggle(/Panel/));
    expect(expanded()).toBe('false');
    expect(window.localStorage.getItem(PANEL_COLLAPSED_KEY)).toBe('true');

    act(() => store.getState().select({ nodes: ['http_1'] }));
    expect(expanded()).toBe('true');
    await user.click(toggle(/Panel/));
    expect(expanded()).toBe('false');
    act(() => store.getState().select({ nodes: ['http_1'] }));
    expect(expanded()).toBe('false');
    act(() => store.getState().select({ nodes: ['condition_1'] }));
    expect(expanded()).toBe('true');
  });

  it('when the panel was left folded then a new editor opens with it folded, and unfolding is remembered', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(PANEL_COLLAPSED_KEY, 'true');
    renderSide();
    expect(expanded()).toBe('false');
    await user.click(toggle(/Panel/));
    expect(expanded()).toBe('true');
    expect(window.localStorage.getItem(PANEL_COLLAPSED_KEY)).toBe('false');
  });
});
