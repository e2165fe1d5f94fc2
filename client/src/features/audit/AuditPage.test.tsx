// @vitest-environment jsdom
import type { AuditEvent, UserSummary } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, type FakeRequest } from '../runs/fakeServer';
import { AuditPage } from './AuditPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

function signIn(role: UserSummary['role']) {
  const user = { id: '0190a1b2-0000-7000-8000-000000000001', username: 'u', displayName: 'U', role } as UserSummary;
  useAuth.setState({ user, status: 'signed-in' });
}

const ALICE = 'user:0190a1b2-0000-7000-8000-0000000000a1:alice';

const line = (n: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`,
  actor: ALICE,
  action: 'credential.created',
  targetType: 'connector_credential',
  targetId: `cred-${n}`,
  beforeHash: null,
  afterHash: null,
  details: { connectorId: 'firewall', mode: 'live' },
  createdAt: `2026-11-20T10:00:${String(n).padStart(2, '0')}.000Z`,
  ...over,
});

const facets = {
  actions: ['credential.created', 'run.cancelled'],
  actors: [ALICE, 'system:executor'],
  targetTypes: ['connector_credential', 'run'],
};

/** The server: facets, and list pages chosen by `pages(url)`. */
function serve(pages: (url: string) => unknown) {
  return fakeServer((req) => {
    if (req.url === '/audit/facets') return facets;
    if (req.url.startsWith('/audit?')) return pages(req.url);
    return undefined;
  });
}

function renderPage(url = '/admin/audit') {
  render(
    <MemoryRouter initialEntries={[url]}>
      <AuditPage />
    </MemoryRouter>,
  );
}

const listUrls = (requests: FakeRequest[]) => requests.map((r) => r.url).filter((u) => u.startsWith('/audit?'));
const params = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('the audit log page', () => {
  test('when a manager opens it then each line shows time, actor and action in words and a linked target', async () => {
    signIn('manager');
    serve(() => ({
      events: [
        line(2, { actor: 'system:executor', action: 'run.cancelled', targetType: 'run', targetId: 'r-1', details: {} }),
        line(1, { actor: 'token:0190a1b2-0000-7000-8000-0000000000b1:bob' }),
      ],
      nextCursor: null,
      prevCursor: null,
    }));
    renderPage();
    const run = await screen.findByTestId(`audit-line-${line(2).id}`);
    const cells = within(run)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(1)).toEqual(['system: executor', 'Run cancelled', 'run r-1', 'none']);
    expect(within(run).getByRole('link', { name: 'run r-1' }).getAttribute('href')).toBe('/runs/r-1');
    const cred = screen.getByTestId(`audit-line-${line(1).id}`);
    expect(within(cred).getAllByRole('cell')[1]?.textContent).toBe('token of bob');
    expect(within(cred).getByRole('link', { name: 'credential cred-1' }).getAttribute('href')).toBe(
      '/admin/credentials',
    );
  });

  test('when an analyst opens it then nothing is asked of the server and the page says who may read it', async () => {
    signIn('analyst');
    const { requests } = serve(() => ({ events: [], nextCursor: null, prevCursor: null }));
    renderPage();
    expect(screen.getByRole('note').textContent).toBe('Only managers and admins read the audit log.');
    expect(requests).toEqual([]);
  });

  test('when a line has details then they open on demand, a secret-named value shown as [redacted]', async () => {
    signIn('admin');
    const secretive = line(3, {
      action: 'workflow.settings_changed',
      details: {
        before: { limit: 1 },
        headers: { Authorization: 'Bearer leaked-123' },
        apiKey: 'k-999',
        tokenId: 't-1',
      },
    });
    serve(() => ({ events: [secretive], nextCursor: null, prevCursor: null }));
    renderPage();
    const row = await screen.findByTestId(`audit-line-${secretive.id}`);
    expect(screen.queryByTestId('audit-details')).toBeNull();
    await userEvent.click(within(row).getByRole('button', { name: 'Details' }));

    const details = screen.getByTestId('audit-details').textContent ?? '';
    expect(JSON.parse(details)).toEqual({
      before: { limit: 1 },
      headers: { Authorization: '[redacted]' },
      apiKey: '[redacted]',
      tokenId: 't-1',
    });
    expect(document.body.textContent).not.toMatch(/leaked-123|k-999/);
    expect(within(row).getByRole('button', { name: 'Hide details' }).getAttribute('aria-expanded')).toBe('true');
  });

  test('when filters are picked then the list is asked with them, from the newest page, and the export link carries them', async () => {
    signIn('admin');
    const { requests } = serve(() => ({ events: [line(1)], nextCursor: null, prevCursor: null }));
    renderPage();
    await screen.findByTestId(`audit-line-${line(1).id}`);
    const bar = screen.getByRole('search', { name: 'Filter the audit log' });
    await vi.waitFor(() => expect(within(bar).getByRole('option', { name: 'alice' })).toBeTruthy());

    await userEvent.selectOptions(within(bar).getByLabelText('Action'), 'Credential created');
    await userEvent.selectOptions(within(bar).getByLabelText('Actor'), 'alice');
    await userEvent.selectOptions(within(bar).getByLabelText('Target type'), 'credential');
    await userEvent.type(within(bar).getByLabelText('Target id'), 'cred-1{Enter}');

    await vi.waitFor(() =>
      expect(params(listUrls(requests).at(-1) ?? '')).toEqual({
        action: 'credential.created',
        actor: ALICE,
        targetType: 'connector_credential',
        targetId: 'cred-1',
        limit: '50',
      }),
    );
    const href = screen.getByTestId('audit-export').getAttribute('href') ?? '';
    expect(href.startsWith('/api/audit/export.csv?')).toBe(true);
    expect(params(href)).toEqual({
      action: 'credential.created',
      actor: ALICE,
      targetType: 'connector_credential',
      targetId: 'cred-1',
    });
  });

  test('when a time range is set then it is sent as instants', async () => {
    signIn('manager');
    const { requests } = serve(() => ({ events: [], nextCursor: null, prevCursor: null }));
    renderPage('/admin/audit?from=2026-11-20T10:00&to=2026-11-21T10:00');
    expect(await screen.findByText('No lines match these filters.')).toBeTruthy();
    const sent = params(listUrls(requests)[0] ?? '');
    expect(sent['from']).toBe(new Date('2026-11-20T10:00').toISOString());
    expect(sent['to']).toBe(new Date('2026-11-21T10:00').toISOString());
  });

  test('when Older and Newer are pressed then the cursors the server gave are sent, and the buttons follow them', async () => {
    signIn('manager');
    const { requests } = serve((url) => {
      const q = params(url);
      if (q['cursor'] === 'older-1') return { events: [line(1)], nextCursor: null, prevCursor: 'newer-1' };
      return { events: [line(2)], nextCursor: 'older-1', prevCursor: null };
    });
    renderPage();
    await screen.findByTestId(`audit-line-${line(2).id}`);
    const pager = screen.getByRole('navigation', { name: 'Audit log pages' });
    const newer = within(pager).getByRole<HTMLButtonElement>('button', { name: 'Newer' });
    const older = within(pager).getByRole<HTMLButtonElement>('button', { name: 'Older' });
    expect([newer.disabled, older.disabled]).toEqual([true, false]);

    await userEvent.click(older);
    await screen.findByTestId(`audit-line-${line(1).id}`);
    expect(params(listUrls(requests).at(-1) ?? '')).toEqual({ cursor: 'older-1', limit: '50' });
    expect([newer.disabled, older.disabled]).toEqual([false, true]);

    await userEvent.click(newer);
    await screen.findByTestId(`audit-line-${line(2).id}`);
    expect(params(listUrls(requests).at(-1) ?? '')).toEqual({ newer: 'newer-1', limit: '50' });
  });
});
