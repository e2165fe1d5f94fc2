// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { VersionSummary } from '@autonomic/api';
import { useAuth, type User } from '../../auth/store';
import { sampleGraph } from '../../editor/commands/testing';
import { EditorProvider } from '../../editor/store/context';
import { createEditorStore } from '../../editor/store/createEditorStore';
import { EditorHeader } from './EditorHeader';

const WF = '0190a000-0000-7000-8000-0000000000f1';
const version: VersionSummary = {
  id: '0190a000-0000-7000-8000-0000000000c1',
  workflowId: WF,
  number: 3,
  contentHash: 'a'.repeat(64),
  status: 'draft',
  changeNote: '',
  createdAt: '2026-11-27T10:00:00.000Z',
  author: { id: '0190a000-0000-7000-8000-00000000a11c', username: 'alice', displayName: 'Alice' },
};
const as = (role: User['role']): User => ({ id: version.author.id, username: 'u', displayName: 'U', role });

function renderHeader(role: User['role'], saved: VersionSummary | null = version, readOnly = false) {
  useAuth.setState({ user: as(role), status: 'signed-in' });
  const store = createEditorStore({ ...sampleGraph(), readOnly });
  render(
    <MemoryRouter>
      <EditorProvider store={store} validate={false}>
        <EditorHeader
          workflowId={saved ? WF : null}
          version={saved}
          readOnly={readOnly}
          saveMessage={null}
          onSave={() => undefined}
          onDetails={() => undefined}
        />
      </EditorProvider>
    </MemoryRouter>,
  );
  return store;
}

const save = () => screen.getByTestId('save-version') as HTMLButtonElement;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A window as narrow as 1280 px, for the COMPACT_EDITOR media query. */
function narrowWindow() {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query.includes('max-width'),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

describe('EditorHeader', () => {
  test('when a manager or a reviewer opens a workflow then there is no Request review at all', () => {
    renderHeader('manager', version, true);
    expect(screen.queryByTestId('request-review')).toBeNull();
    cleanup();
    renderHeader('reviewer', version, true);
    expect(screen.queryByTestId('request-review')).toBeNull();
  });

  test('when an analyst opens a saved draft then Request review is offered', () => {
    renderHeader('analyst');
    expect(screen.getByTestId('request-review').getAttribute('href')).toBe(`/workflows/${WF}/versions/3/review`);
  });

  test('when nothing changed since the saved version then Save is disabled, and a change enables it', () => {
    const store = renderHeader('analyst');
    expect(save().disabled).toBe(true);
    expect(save().title).toBe('Nothing changed since v3');

    act(() => {
      store.getState().addNodeAt('transform', { x: 400, y: 400 });
    });

    expect(save().disabled).toBe(false);
  });

  test('when the workflow was never saved then Save is enabled', () => {
    renderHeader('analyst', null);
    expect(save().disabled).toBe(false);
  });

  test('when the window is wide then Details, History and Run now sit in the header and there is no More', () => {
    renderHeader('analyst');
    expect(screen.getByTestId('open-metadata')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'History' })).toBeTruthy();
    expect(screen.queryByTestId('header-more')).toBeNull();
  });

  test('when the window is narrow then Details, History and Run now move into More, shown on demand and closed by Esc', async () => {
    narrowWindow();
    const user = userEvent.setup();
    renderHeader('analyst');
    const more = screen.getByTestId('header-more');
    const list = () => document.getElementById(more.getAttribute('aria-controls') ?? '');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(list()?.hidden).toBe(true);
    expect(list()?.contains(screen.getByTestId('open-metadata'))).toBe(true);
    expect(list()?.contains(screen.getByTestId('run-now-link'))).toBe(true);
    // The main actions stay in the header.
    expect(list()?.contains(screen.getByTestId('save-version'))).toBe(false);

    await user.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(list()?.hidden).toBe(false);
    await user.keyboard('{Escape}');
    expect(list()?.hidden).toBe(true);
    expect(document.activeElement).toBe(more);
  });

  test('when an action in More is chosen then it runs and the menu closes', async () => {
    narrowWindow();
    const user = userEvent.setup();
    let details = 0;
    useAuth.setState({ user: as('analyst'), status: 'signed-in' });
    render(
      <MemoryRouter>
        <EditorProvider store={createEditorStore(sampleGraph())} validate={false}>
          <EditorHeader
            workflowId={WF}
            version={version}
            readOnly={false}
            saveMessage={null}
            onSave={() => undefined}
            onDetails={() => (details += 1)}
          />
        </EditorProvider>
      </MemoryRouter>,
    );
    await user.click(screen.getByTestId('header-more'));
    await user.click(screen.getByTestId('open-metadata'));
    expect(details).toBe(1);
    expect(screen.getByTestId('header-more').getAttribute('aria-expanded')).toBe('false');
  });

  test('the title keeps the whole name as its tooltip (it is cut to keep the header on one line)', () => {
    renderHeader('analyst');
    const h1 = screen.getByRole('heading', { level: 1 });
    expect(h1.title).toBe(h1.textContent);
  });
});
