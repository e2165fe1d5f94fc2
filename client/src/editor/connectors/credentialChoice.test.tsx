// @vitest-environment jsdom
import type { UserSummary } from '@autonomic/api';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAuth } from '../../auth/store';
import { CredentialPicker } from '../panel-host/CredentialPicker';
import { EditorProvider } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import type { CredentialChoice } from './credentialChoice';

afterEach(() => {
  cleanup();
  useAuth.setState({ user: null, status: 'loading' });
});

const AT = '2026-12-06T09:00:00.000Z';
const CREDENTIALS: CredentialChoice[] = [
  {
    name: 'abuse-prod',
    connectorId: 'abuseipdb',
    mode: 'live',
    lastTest: { at: AT, ok: false, message: '401 Unauthorized' },
  },
  { name: 'abuse-demo', connectorId: 'abuseipdb', mode: 'test', lastTest: null },
  { name: 'slack-soc', connectorId: 'slack', mode: 'live', lastTest: { at: AT, ok: true, message: 'ok' } },
];

function renderPicker(role: UserSummary['role'], connectorId: string, value: string) {
  const user = { id: '0190a1b2-0000-7000-8000-000000000001', username: 'u', displayName: 'U', role } as UserSummary;
  useAuth.setState({ user, status: 'signed-in' });
  const store = createEditorStore();
  store
    .getState()
    .setConnectors({ status: 'ready', summaries: [], definitions: {}, credentials: CREDENTIALS, errors: [] });
  render(
    <EditorProvider store={store} validate={false}>
      <CredentialPicker connectorId={connectorId} value={value} onChange={() => {}} problems={[]} readOnly={false} />
    </EditorProvider>,
  );
}

describe('the credential pick-list: mode and health', () => {
  it("when the connector has credentials then each option says live or test and how its last test went, other connectors' left out", () => {
    renderPicker('analyst', 'abuseipdb', '');
    const options = Array.from(screen.getByRole('combobox', { name: 'Credential' }).querySelectorAll('option'));
    expect(options.map((o) => o.textContent)).toEqual([
      '— choose a credential —',
      'abuse-prod — live (real runs), last test failed',
      'abuse-demo — test (simulations), not tested yet',
    ]);
  });

  it('when the picked credential failed its last test then a warning says so, with the reason and who fixes it', () => {
    renderPicker('analyst', 'abuseipdb', 'abuse-prod');
    expect(screen.getByTestId('credential-warning').textContent).toBe(
      'The last connection test of abuse-prod failed (401 Unauthorized): runs may fail at this step until an admin fixes it on Credentials.',
    );
  });

  it('when the connector has no credential then an analyst is told to ask an admin to create one on Credentials', () => {
    renderPicker('analyst', 'virustotal', '');
    expect(
      screen.getByText('No credential exists for virustotal yet: ask an admin to create one on Credentials.'),
    ).toBeTruthy();
    expect(screen.queryByTestId('credential-warning')).toBeNull();
  });
});
