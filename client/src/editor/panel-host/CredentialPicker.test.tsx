// @vitest-environment jsdom
import type { UserSummary } from '@autonomic/api';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAuth } from '../../auth/store';
import { EditorProvider } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import { CredentialPicker } from './CredentialPicker';

afterEach(() => {
  cleanup();
  useAuth.setState({ user: null, status: 'loading' });
});

function signIn(role: UserSummary['role']) {
  const user = { id: '0190a1b2-0000-7000-8000-000000000001', username: 'u', displayName: 'U', role } as UserSummary;
  useAuth.setState({ user, status: 'signed-in' });
}

function renderPicker(connectorId: string, readOnly = false) {
  const store = createEditorStore();
  store.getState().setConnectors({ status: 'ready', summaries: [], definitions: {}, credentials: [], errors: [] });
  render(
    <EditorProvider store={store} validate={false}>
      <CredentialPicker connectorId={connectorId} value="" onChange={() => {}} problems={[]} readOnly={readOnly} />
    </EditorProvider>,
  );
}

describe('the credential pick-list', () => {
  it("when an admin edits a step then 'Create a credential' opens the credentials page preset to that connector, in a new tab", () => {
    signIn('admin');
    renderPicker('abuseipdb');
    const link = screen.getByRole('link', { name: 'Create a credential' });
    expect(link.getAttribute('href')).toBe('/admin/credentials?connector=abuseipdb');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('when an analyst edits a step then the link says an admin must create the credential', () => {
    signIn('analyst');
    renderPicker('fortigate');
    const link = screen.getByRole('link', { name: /an admin must create it/ });
    expect(link.getAttribute('href')).toBe('/admin/credentials?connector=fortigate');
  });

  it('when the form is read-only then there is no link', () => {
    signIn('admin');
    renderPicker('abuseipdb', true);
    expect(screen.queryByRole('link')).toBeNull();
  });
});
