// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { ConnectorsPage } from './ConnectorsPage';
import { connectorList, idp, idpUsages, OTHER_WF, SUSPEND_WF, upgraded } from './testing';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The server: the list, ACME IdP's two versions and its usages; anything else goes to `other`. */
function serve(other: (req: FakeRequest) => unknown = () => undefined) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/connectors') return connectorList;
    if (req.method === 'GET' && req.url === '/connectors/acme-idp/usages') return idpUsages;
    if (req.method === 'GET' && req.url === '/connectors/acme-idp?version=1.0.0') return idp('1.0.0');
    if (req.method === 'GET' && req.url === '/connectors/acme-idp?version=1.1.0') return idp('1.1.0');
    return other(req);
  });
}

/** Where an upgrade lands: the diff page's address. */
function Landed() {
  const { pathname, search } = useLocation();
  return <p data-testid="landed">{`${pathname}${search}`}</p>;
}

function renderPage() {
  render(
    <MemoryRouter initialEntries={['/connectors']}>
      <Routes>
        <Route path="/connectors" element={<ConnectorsPage />} />
        <Route path="/workflows/:id/diff" element={<Landed />} />
      </Routes>
    </MemoryRouter>,
  );
}

async function openIdp() {
  const entry = await screen.findByTestId('connector-acme-idp');
  await userEvent.click(within(entry).getByRole('button', { name: 'Versions and usages' }));
  return screen.findByTestId('connector-details-acme-idp');
}

const writes = (requests: FakeRequest[]) => requests.filter((r) => r.method !== 'GET');

describe('the connectors page', () => {
  test('when it opens then each connector shows its name, vendor, source, installed versions and action effects', async () => {
    serve();
    renderPage();

    const entry = await screen.findByTestId('connector-acme-idp');
    const builtin = screen.getByTestId('connector-abuseipdb');

    expect(within(entry).getByRole('heading').textContent).toBe('ACME IdP · ACME');
    expect(entry.textContent).toContain('custom');
    expect(entry.textContent).toContain('installed: 1.0.0, 1.1.0');
    expect(entry.textContent).toContain('suspend_user: destructive');
    expect(builtin.textContent).toContain('builtin');
    expect(screen.queryByTestId('connector-details-acme-idp')).toBeNull();
  });

  test('when a connector is opened then each version lists its actions and usages, and what the newest changes is shown before any upgrade', async () => {
    const { requests } = serve();
    renderPage();

    const details = await openIdp();
    const old = within(details).getByTestId('version-1.0.0');
    const newest = within(details).getByTestId('version-1.1.0');

    expect(within(old).getByRole('list', { name: 'Actions of acme-idp 1.0.0' }).textContent).toContain(
      'suspend_user Suspend a user — write',
    );
    expect(within(newest).getByRole('list', { name: 'Actions of acme-idp 1.1.0' }).textContent).toContain(
      'suspend_user Suspend a user — destructive',
    );
    const changes = within(old).getByLabelText('What 1.1.0 changes');
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['adds action unlock_user', 'suspend_user effect: write → destructive (high risk)']);
    expect(within(old).getByTestId('usage-suspend-account-1').textContent).toContain(
      'lookup (lookup_user), suspend (suspend_user)',
    );
    expect(newest.textContent).toContain('No published or latest workflow version uses it.');
    expect(writes(requests)).toEqual([]);
  });

  test('when an upgrade is offered then only the workflows the caller may edit get the button', async () => {
    serve();
    renderPage();

    const details = await openIdp();
    const mine = within(details).getByTestId('usage-suspend-account-1');
    const theirs = within(details).getByTestId('usage-someone-elses-3');

    expect(within(mine).getByRole('button', { name: 'Upgrade to 1.1.0' })).toBeTruthy();
    expect(within(theirs).queryByRole('button')).toBeNull();
    expect(theirs.textContent).toContain('only its owner or an admin');
    expect(within(details).getByTestId('version-1.1.0').querySelector('button')).toBeNull();
  });

  test('when "Upgrade to 1.1.0" is clicked then the draft is requested for that connector and version and its diff against the published version opens', async () => {
    const { requests } = serve((req) => {
      if (req.method === 'POST' && req.url === `/workflows/${SUSPEND_WF}/connector-upgrade`)
        return upgraded(SUSPEND_WF, 2);
      return undefined;
    });
    renderPage();
    const details = await openIdp();

    await userEvent.click(
      within(within(details).getByTestId('usage-suspend-account-1')).getByRole('button', { name: 'Upgrade to 1.1.0' }),
    );

    expect((await screen.findByTestId('landed')).textContent).toBe(`/workflows/${SUSPEND_WF}/diff?from=published&to=2`);
    expect(writes(requests)).toEqual([
      {
        method: 'POST',
        url: `/workflows/${SUSPEND_WF}/connector-upgrade`,
        body: { connector: 'acme-idp', toVersion: '1.1.0' },
      },
    ]);
    expect(requests.some((r) => r.url.includes(OTHER_WF))).toBe(false);
  });

  test('when the server refuses the upgrade then each step and field at fault is shown and the page stays', async () => {
    serve((req) => {
      if (req.method === 'POST') {
        throw new FakeReply(422, {
          error: {
            code: 'connector_upgrade_invalid',
            message: 'the steps cannot be re-pinned to acme-idp 1.1.0',
            details: [
              { path: 'steps.lookup.params.input', message: "input 'realm' is required by acme-idp 1.1.0 lookup_user" },
            ],
          },
        });
      }
      return undefined;
    });
    renderPage();
    const details = await openIdp();

    await userEvent.click(within(details).getByRole('button', { name: 'Upgrade to 1.1.0' }));

    const alert = await screen.findByTestId('api-error');
    expect(alert.textContent).toContain('the steps cannot be re-pinned to acme-idp 1.1.0');
    expect(alert.textContent).toContain(
      "Step lookup › Params › Input: input 'realm' is required by acme-idp 1.1.0 lookup_user",
    );
    expect(screen.queryByTestId('landed')).toBeNull();
    expect(within(details).getByRole('button', { name: 'Upgrade to 1.1.0' })).toBeTruthy();
  });
});
