// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test } from 'vitest';
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

afterEach(cleanup);

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
});
