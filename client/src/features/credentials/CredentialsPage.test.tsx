// @vitest-environment jsdom
import type { CredentialHealthItem, CredentialInfo, UserSummary } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { CredentialsPage } from './CredentialsPage';
import { credentialInfo, firewall, firewallSummary, healthReply } from './testing';

const fw = credentialInfo('fw_lab', 'firewall', {
  settings: { host: 'fw.lab', port: '443' },
  lastTest: { at: '2026-11-02T10:00:00.000Z', ok: true, message: 'ok' },
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

function signIn(role: UserSummary['role']) {
  const user = { id: '0190a1b2-0000-7000-8000-000000000001', username: 'u', displayName: 'U', role } as UserSummary;
  useAuth.setState({ user, status: 'signed-in' });
}

/**
 * The server: GET list and connectors answered from `rows`, the connector health view from
 * `health` (asked each time); anything else goes to `other`.
 */
function serve(
  rows: CredentialInfo[],
  other: (req: FakeRequest) => unknown = () => undefined,
  health: () => CredentialHealthItem[] = () => [],
) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/credentials') return { credentials: rows };
    if (req.method === 'GET' && req.url === '/connectors/health') return healthReply(health());
    if (req.method === 'GET' && req.url === '/connectors') return { connectors: [firewallSummary] };
    if (req.method === 'GET' && req.url === '/connectors/firewall') return firewall;
    return other(req);
  });
}

function renderPage(url = '/admin/credentials') {
  render(
    <MemoryRouter initialEntries={[url]}>
      <CredentialsPage />
    </MemoryRouter>,
  );
}

const writes = (requests: FakeRequest[]) => requests.filter((r) => r.method !== 'GET');

describe('the credentials page', () => {
  test('when it opens then each credential is listed with its connector, mode and dates, never a value', async () => {
    signIn('admin');
    serve([fw]);
    renderPage();
    const row = await screen.findByTestId('credential-fw_lab');
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(within(row).getByRole('rowheader').textContent).toBe('fw_lab');
    expect(cells.slice(0, 4)).toEqual(['Acme Firewall', 'test', 'never', expect.stringMatching(/: ok$/)]);
    expect(within(row).getByRole('button', { name: 'Test connection' })).toBeTruthy();
  });

  test('when a non-admin opens it then the list is read-only and says only admins manage credentials', async () => {
    signIn('analyst');
    serve([fw]);
    renderPage('/admin/credentials?connector=firewall');
    const row = await screen.findByTestId('credential-fw_lab');
    expect(within(row).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: 'New credential' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'New credential' })).toBeNull();
    expect(screen.getByTestId('admins-only').textContent).toMatch(
      /Only admins can create.*ask an admin to create a credential for it/,
    );
  });

  test('when opened with ?connector= then the create form has that connector and its settings; creating posts them and lists the new one', async () => {
    signIn('admin');
    const rows = [fw];
    const { requests } = serve(rows, (req) => {
      const created = credentialInfo('fw_prod', 'firewall', { mode: 'live' });
      rows.push(created);
      return req.url === '/credentials' ? created : undefined;
    });
    renderPage('/admin/credentials?connector=firewall');
    const form = await screen.findByRole('form', { name: 'New credential' });
    expect(within(form).getByLabelText<HTMLSelectElement>('Connector').value).toBe('firewall');
    const port = await within(form).findByLabelText<HTMLInputElement>('HTTPS admin port *');
    expect(port.value).toBe('443');
    const secret = within(form).getByLabelText<HTMLInputElement>('Secret value');
    expect(secret.type).toBe('password');

    await userEvent.type(within(form).getByLabelText('Name'), 'fw_prod');
    await userEvent.selectOptions(within(form).getByLabelText('Mode'), 'live');
    await userEvent.type(secret, 'tok-123');
    await userEvent.type(within(form).getByLabelText('Management host *'), 'fw.example');
    await userEvent.click(within(form).getByRole('button', { name: 'Create credential' }));

    expect(await screen.findByTestId('credential-fw_prod')).toBeTruthy();
    expect(writes(requests)).toEqual([
      {
        method: 'POST',
        url: '/credentials',
        body: {
          name: 'fw_prod',
          connectorId: 'firewall',
          mode: 'live',
          value: 'tok-123',
          settings: { host: 'fw.example', port: '443' },
        },
      },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Created fw_prod.');
    expect(screen.queryByRole('form', { name: 'New credential' })).toBeNull();
    expect(document.body.textContent).not.toContain('tok-123');
  });

  test('when the server refuses the name and a setting then each message is shown at its field', async () => {
    signIn('admin');
    serve([], () => {
      throw new FakeReply(400, {
        error: {
          code: 'validation_failed',
          message: 'invalid body',
          details: [
            { path: 'body.name', message: 'a slug: lower-case letters and digits' },
            { path: 'body.settings', message: '/host must match pattern "^[A-Za-z0-9.-]{1,253}$"' },
          ],
        },
      });
    });
    renderPage('/admin/credentials?connector=firewall');
    const form = await screen.findByRole('form', { name: 'New credential' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Bad Name');
    await userEvent.type(within(form).getByLabelText('Secret value'), 'x');
    await userEvent.type(await within(form).findByLabelText('Management host *'), 'bad host');
    await userEvent.click(within(form).getByRole('button', { name: 'Create credential' }));

    const name = within(form).getByLabelText('Name');
    await vi.waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (el: HTMLElement) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
    expect(describedBy(name)).toMatch(/a slug: lower-case letters and digits/);
    const host = within(form).getByLabelText('Management host *');
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(host)).toMatch(/must match pattern/);
    expect(within(form).getByLabelText('Secret value').getAttribute('aria-invalid')).toBe('false');
  });

  test('when a name is taken then the conflict is shown at the name', async () => {
    signIn('admin');
    serve([fw], () => {
      const message = 'a credential named "fw_lab" exists';
      throw new FakeReply(409, { error: { code: 'credential_name_taken', message, details: [] } });
    });
    renderPage('/admin/credentials?connector=firewall');
    const form = await screen.findByRole('form', { name: 'New credential' });
    await userEvent.type(within(form).getByLabelText('Name'), 'fw_lab');
    await userEvent.click(within(form).getByRole('button', { name: 'Create credential' }));
    await vi.waitFor(() => expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText(/a credential named "fw_lab" exists/)).toBeTruthy();
  });

  test('when an admin tests a connection then the result is shown in the row', async () => {
    signIn('admin');
    const { requests } = serve([fw], () => ({
      ok: false,
      status: 401,
      message: 'invalid token',
      ms: 42,
      testedAt: '2026-11-03T10:00:00.000Z',
    }));
    renderPage();
    const row = await screen.findByTestId('credential-fw_lab');
    await userEvent.click(within(row).getByRole('button', { name: 'Test connection' }));
    expect((await within(row).findByTestId('test-result')).textContent).toBe(
      'Connection failed (HTTP 401): invalid token · 42 ms',
    );
    expect(writes(requests)).toEqual([{ method: 'POST', url: '/credentials/fw_lab/test', body: undefined }]);
  });

  test('when a rotation fails its test then the page says the old value was kept', async () => {
    signIn('admin');
    serve([fw], () => {
      throw new FakeReply(422, {
        error: {
          code: 'connection_test_failed',
          message: 'the new value failed the test connection: HTTP 401',
          details: [{ path: 'body.value', message: 'HTTP 401' }],
        },
      });
    });
    renderPage();
    const row = await screen.findByTestId('credential-fw_lab');
    await userEvent.click(within(row).getByRole('button', { name: 'Rotate' }));
    const form = within(row).getByRole('form', { name: 'Rotate fw_lab' });
    await userEvent.type(within(form).getByLabelText('New secret value'), 'new-tok');
    await userEvent.click(within(form).getByRole('button', { name: 'Rotate' }));
    expect((await within(row).findByTestId('rotate-result')).textContent).toMatch(
      /failed the test connection: HTTP 401\. The old value was kept\./,
    );
    expect(within(form).getByLabelText<HTMLInputElement>('New secret value').value).toBe('');
  });

  test('when a rotation passes then the page says the old value was replaced', async () => {
    signIn('admin');
    const rotated = credentialInfo('fw_lab', 'firewall', {
      rotation: { version: 2, rotatedAt: '2026-11-03T10:00:00.000Z', failedAt: null, failure: null },
    });
    const test = { ok: true, status: 200, message: 'FortiOS v7.4.3', ms: 12, testedAt: '2026-11-03T10:00:00.000Z' };
    serve([fw], () => ({ credential: rotated, test }));
    renderPage();
    const row = await screen.findByTestId('credential-fw_lab');
    await userEvent.click(within(row).getByRole('button', { name: 'Rotate' }));
    const form = within(row).getByRole('form', { name: 'Rotate fw_lab' });
    await userEvent.type(within(form).getByLabelText('New secret value'), 'new-tok');
    await userEvent.click(within(form).getByRole('button', { name: 'Rotate' }));
    expect((await within(row).findByTestId('rotate-result')).textContent).toMatch(
      /version 2 is in use, it passed the test connection .*The old value was replaced\./,
    );
  });

  test('when a rotation passes then the list shows the new version and when, and the new value appears nowhere on the page', async () => {
    signIn('admin');
    const rows = [fw];
    const rotated = credentialInfo('fw_lab', 'firewall', {
      rotation: { version: 2, rotatedAt: '2026-11-03T10:00:00.000Z', failedAt: null, failure: null },
    });
    const { requests } = serve(rows, (req) => {
      if (req.url !== '/credentials/fw_lab/rotate') return undefined;
      rows.splice(0, 1, rotated);
      return { credential: rotated, test: null };
    });
    renderPage();
    const row = await screen.findByTestId('credential-fw_lab');
    expect(within(row).getByTestId('rotation').textContent).toBe('never');
    await userEvent.click(within(row).getByRole('button', { name: 'Rotate' }));
    const form = within(row).getByRole('form', { name: 'Rotate fw_lab' });
    await userEvent.type(within(form).getByLabelText('New secret value'), 'brand-new-secret');
    await userEvent.click(within(form).getByRole('button', { name: 'Rotate' }));

    await vi.waitFor(() =>
      expect(within(row).getByTestId('rotation').textContent).toBe(
        `version 2, ${new Date('2026-11-03T10:00:00.000Z').toLocaleString()}`,
      ),
    );
    expect(within(row).getByTestId('rotate-result').textContent).toMatch(/the connector has no test to run/);
    expect(writes(requests)).toEqual([
      { method: 'POST', url: '/credentials/fw_lab/rotate', body: { value: 'brand-new-secret' } },
    ]);
    expect(document.body.innerHTML).not.toContain('brand-new-secret');
  });

  test('when an admin deletes a credential then it is deleted only once confirmed', async () => {
    signIn('admin');
    const rows = [fw];
    const { requests } = serve(rows, () => {
      rows.pop();
      return undefined;
    });
    renderPage();
    const row = await screen.findByTestId('credential-fw_lab');
    await userEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    const confirm = within(row).getByRole('alertdialog', { name: 'Delete fw_lab' });
    expect(writes(requests)).toEqual([]);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete fw_lab' }));
    expect(await screen.findByText('No credentials yet.')).toBeTruthy();
    expect(writes(requests)).toEqual([{ method: 'DELETE', url: '/credentials/fw_lab', body: undefined }]);
  });
});
