// @vitest-environment jsdom
import type { CredentialHealthItem, CredentialInfo, CredentialProbe, UserSummary } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { CredentialsPage } from './CredentialsPage';
import { credentialInfo, firewallSummary, healthReply } from './testing';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

function signIn(role: UserSummary['role']) {
  const user = { id: '0190a1b2-0000-7000-8000-000000000001', username: 'u', displayName: 'U', role } as UserSummary;
  useAuth.setState({ user, status: 'signed-in' });
}

const at = (iso: string) => new Date(iso).toLocaleString();

const prod = credentialInfo('fw_prod', 'firewall', { mode: 'live' });
const lab = credentialInfo('fw_lab', 'firewall', { mode: 'live' });
const fresh = credentialInfo('fw_new', 'firewall', { mode: 'live' });
const demo = credentialInfo('fw_demo', 'firewall');
const legacy = credentialInfo('fw_old', 'firewall', { mode: 'live' });

const failing: CredentialHealthItem = {
  name: 'fw_prod',
  mode: 'live',
  state: 'failing',
  lastProbe: { at: '2026-12-06T08:00:00.000Z', ok: false, status: 401, message: 'invalid token' },
  nextProbeAt: '2026-12-06T08:15:00.000Z',
};
const passing: CredentialHealthItem = {
  name: 'fw_lab',
  mode: 'live',
  state: 'ok',
  lastProbe: { at: '2026-12-06T08:01:00.000Z', ok: true, status: 200, message: 'FortiOS v7.4.3' },
  nextProbeAt: '2026-12-06T08:16:00.000Z',
};
const states: CredentialHealthItem[] = [
  failing,
  passing,
  { name: 'fw_new', mode: 'live', state: 'never_probed', lastProbe: null, nextProbeAt: '2026-12-06T08:00:00.000Z' },
  { name: 'fw_demo', mode: 'test', state: 'test', lastProbe: null, nextProbeAt: null },
  { name: 'fw_old', mode: 'live', state: 'not_probeable', lastProbe: null, nextProbeAt: null },
];

const history: CredentialProbe[] = [
  { at: '2026-12-06T08:00:00.000Z', ok: false, status: 401, message: 'invalid token', ms: 31, source: 'schedule' },
  { at: '2026-12-06T07:50:00.000Z', ok: false, status: null, message: 'connection refused', ms: 5, source: 'manual' },
  { at: '2026-12-06T07:45:00.000Z', ok: true, status: 200, message: 'FortiOS v7.4.3', ms: 12, source: 'schedule' },
];

/** The server: the list, the connectors, the health view from `health()` (asked each time), and `other`. */
function serve(
  rows: CredentialInfo[],
  health: () => CredentialHealthItem[],
  other: (req: FakeRequest) => unknown = () => undefined,
) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/credentials') return { credentials: rows };
    if (req.method === 'GET' && req.url === '/connectors') return { connectors: [firewallSummary] };
    if (req.method === 'GET' && req.url === '/connectors/health') return healthReply(health());
    return other(req);
  });
}

const renderPage = () =>
  render(
    <MemoryRouter initialEntries={['/admin/credentials']}>
      <CredentialsPage />
    </MemoryRouter>,
  );

const probeCell = async (name: string) => within(await screen.findByTestId(`probe-${name}`));

describe('the credentials page, health probes', () => {
  test('when it opens then each credential shows its probe state as a badge, its last probe and its next one', async () => {
    signIn('analyst');
    serve([prod, lab, fresh, demo, legacy], () => states);
    renderPage();

    const p = await probeCell('fw_prod');
    expect((await p.findByText('failing')).className).toBe('badge badge-failed');
    expect(p.getByText(`Last probe ${at(failing.lastProbe!.at)}: HTTP 401, invalid token`)).toBeTruthy();
    expect(p.getByText(`Next probe ${at(failing.nextProbeAt!)}`)).toBeTruthy();
    const l = await probeCell('fw_lab');
    expect(l.getByText('ok').className).toBe('badge badge-succeeded');
    expect(l.getByText(`Last probe ${at(passing.lastProbe!.at)}: HTTP 200, FortiOS v7.4.3`)).toBeTruthy();
    expect((await probeCell('fw_new')).getByText('never probed').className).toBe('badge');
    expect(screen.getByTestId('probe-fw_demo').textContent).toBe('test credential (not probed)');
    expect(screen.getByTestId('probe-fw_old').textContent).toBe('no health action');
    // An analyst sees the state, not the history.
    expect(screen.queryByRole('button', { name: 'Probe history' })).toBeNull();
  });

  test('when a reviewer opens the probe history then the recent probes are listed with result, status, message, time and source', async () => {
    signIn('reviewer');
    const { requests } = serve(
      [prod],
      () => [failing],
      (req) => (req.url === '/credentials/fw_prod/probes' ? { probes: history } : undefined),
    );
    renderPage();
    const toggle = (await probeCell('fw_prod')).getByRole('button', { name: 'Probe history' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    await userEvent.click(toggle);

    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const table = await screen.findByRole('table', { name: 'Probe history of fw_prod' });
    expect(table.closest(`#${toggle.getAttribute('aria-controls')}`)).toBeTruthy();
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      [at(history[0]!.at), 'failed', '401', 'invalid token', '31 ms', 'scheduled'],
      [at(history[1]!.at), 'failed', 'no answer', 'connection refused', '5 ms', 'manual'],
      [at(history[2]!.at), 'ok', '200', 'FortiOS v7.4.3', '12 ms', 'scheduled'],
    ]);
    expect(requests.filter((r) => r.url.includes('/probes'))).toEqual([
      { method: 'GET', url: '/credentials/fw_prod/probes', body: undefined },
    ]);

    await userEvent.click(toggle);

    expect(screen.queryByRole('table', { name: 'Probe history of fw_prod' })).toBeNull();
  });

  test('when a credential was never probed then its history says so, and a refused history says why', async () => {
    signIn('admin');
    serve(
      [fresh, prod],
      () => [],
      (req) => {
        if (req.url === '/credentials/fw_new/probes') return { probes: [] };
        throw new FakeReply(403, { error: { code: 'forbidden', message: 'admins and reviewers only', details: [] } });
      },
    );
    renderPage();

    await userEvent.click((await probeCell('fw_new')).getByRole('button', { name: 'Probe history' }));
    await userEvent.click((await probeCell('fw_prod')).getByRole('button', { name: 'Probe history' }));

    expect(await (await probeCell('fw_new')).findByText('Not probed yet.')).toBeTruthy();
    expect((await (await probeCell('fw_prod')).findByRole('alert')).textContent).toBe(
      'Could not load the probes of fw_prod: admins and reviewers only',
    );
    // The states did not load (none listed): the badge says so rather than guessing.
    expect((await probeCell('fw_new')).getByText('unknown')).toBeTruthy();
  });

  test('when an admin tests a failing credential and it passes then its badge and last probe are refreshed', async () => {
    signIn('admin');
    let current = failing;
    serve(
      [prod],
      () => [current],
      (req) => {
        if (req.method !== 'POST' || req.url !== '/credentials/fw_prod/test') return undefined;
        current = {
          ...failing,
          state: 'ok',
          lastProbe: { at: '2026-12-06T08:05:00.000Z', ok: true, status: 200, message: 'FortiOS v7.4.3' },
        };
        return { ok: true, status: 200, message: 'FortiOS v7.4.3', ms: 9, testedAt: '2026-12-06T08:05:00.000Z' };
      },
    );
    renderPage();
    expect(await (await probeCell('fw_prod')).findByText('failing')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    const p = await probeCell('fw_prod');
    expect((await p.findByText('ok')).className).toBe('badge badge-succeeded');
    expect(p.getByText(`Last probe ${at('2026-12-06T08:05:00.000Z')}: HTTP 200, FortiOS v7.4.3`)).toBeTruthy();
  });

  test('when the probe states cannot be loaded then the page says so and still lists the credentials', async () => {
    signIn('analyst');
    fakeServer((req) => {
      if (req.url === '/credentials') return { credentials: [prod] };
      if (req.url === '/connectors') return { connectors: [firewallSummary] };
      throw new FakeReply(500, { error: { code: 'internal', message: 'boom', details: [] } });
    });
    renderPage();

    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the probe states: boom');
    expect((await probeCell('fw_prod')).getByText('unknown')).toBeTruthy();
  });
});
