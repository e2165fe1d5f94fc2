// @vitest-environment jsdom
import type { Asset, SafetyEntry } from '@autonomic/api';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import {
  assetFixture,
  cellsOf,
  confirmDelete,
  fill,
  importPasted,
  ME,
  nextId,
  refusingPosts,
  renderAt,
  resetAfterEach,
  signIn,
  writes,
} from '../shared/testing';
import { SafetyListsPage } from './SafetyListsPage';

resetAfterEach();

function entry(over: Partial<SafetyEntry>): SafetyEntry {
  const id = nextId();
  return {
    id,
    list: 'protected',
    kind: 'ip',
    value: `10.0.0.${Number(id.slice(-4))}`,
    criticality: 'high',
    reason: 'domain controller',
    owner: null,
    assetId: null,
    createdById: ME,
    createdAt: '2026-12-01T10:00:00.000Z',
    ...over,
  };
}
const asset = (over: Partial<Asset>): Asset =>
  assetFixture({ kind: 'host', value: 'dc01.corp.example', criticality: 'critical', owner: 'identity', ...over });

/** GET /safety/entries answers `rows`; GET /assets answers `assets`; the rest goes to `other`. */
function serve(rows: SafetyEntry[], other: (req: FakeRequest) => unknown = () => undefined, assets: Asset[] = []) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url.startsWith('/safety/entries')) return { entries: rows };
    if (req.method === 'GET' && req.url.startsWith('/assets?')) return { assets, next: null };
    return other(req);
  });
}
const renderPage = () => renderAt('/admin/safety', <SafetyListsPage />);
const values = () =>
  within(screen.getByRole('tabpanel'))
    .queryAllByRole('row')
    .slice(1)
    .map((r) => r.querySelector('code')?.textContent);

describe('the safety lists page', () => {
  test('when an analyst opens it then each list shows on its tab with its reasons, readable only: no write controls', async () => {
    signIn('analyst');
    serve([
      entry({ value: '10.1.1.1', reason: 'domain controller', owner: 'identity' }),
      entry({ list: 'auto_ok', kind: 'domain', value: 'phish.example', reason: 'known phishing', criticality: 'low' }),
    ]);
    renderPage();

    expect(await cellsOf('entry-protected-10.1.1.1')).toEqual([
      'ip',
      '10.1.1.1',
      'high',
      'domain controller',
      'identity',
      '2026-12-01',
    ]);
    expect(screen.queryByTestId('entry-auto_ok-phish.example')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Auto-OK (1)' }));
    expect(screen.getByTestId('entry-auto_ok-phish.example')).toBeTruthy();
    expect(screen.getByTestId('admins-only')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/safety/entries/export');
    expect(screen.queryByRole('button', { name: 'New entry' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import CSV' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete|Edit/ })).toBeNull();
  });

  test('when a search is typed or a kind is chosen then only the matching entries of the list stay', async () => {
    signIn('analyst');
    serve([
      entry({ value: '10.1.1.1', reason: 'domain controller' }),
      entry({ kind: 'cidr', value: '10.40.0.0/16', reason: 'OT network', owner: 'plant-ops' }),
      entry({ kind: 'host', value: 'erp.corp.example', reason: 'ERP' }),
    ]);
    renderPage();
    await screen.findByTestId('entry-protected-10.1.1.1');
    expect(values()).toEqual(['10.1.1.1', '10.40.0.0/16', 'erp.corp.example']);

    await userEvent.type(screen.getByRole('searchbox'), 'plant');
    expect(values()).toEqual(['10.40.0.0/16']);
    await userEvent.clear(screen.getByRole('searchbox'));
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'host');
    expect(values()).toEqual(['erp.corp.example']);
    await userEvent.type(screen.getByRole('searchbox'), 'nothing like it');
    expect(screen.getByText('No entry matches.')).toBeTruthy();
  });

  test('when an admin adds an entry with a reason then it is sent on the list of the open tab', async () => {
    signIn('admin');
    const rows: SafetyEntry[] = [];
    const { requests } = serve(rows, (req) => {
      if (req.method !== 'POST') return undefined;
      const created = entry({ ...(req.body as Partial<SafetyEntry>) });
      rows.push(created);
      return created;
    });
    renderPage();
    await screen.findByText('The Protected list is empty.');
    await userEvent.click(screen.getByRole('tab', { name: 'Auto-OK (0)' }));

    await userEvent.click(screen.getByRole('button', { name: 'New entry' }));
    const form = screen.getByRole('form', { name: 'New auto-ok entry' });
    await fill(form, {
      Kind: { pick: 'cidr' },
      Value: '192.0.2.0/24',
      Criticality: { pick: 'low' },
      Reason: 'lab scanners',
    });
    await userEvent.click(within(form).getByRole('button', { name: 'Add entry' }));

    await screen.findByText('Added 192.0.2.0/24 to the Auto-OK list.');
    expect(writes(requests)).toEqual([
      {
        method: 'POST',
        url: '/safety/entries',
        body: {
          list: 'auto_ok',
          kind: 'cidr',
          value: '192.0.2.0/24',
          criticality: 'low',
          reason: 'lab scanners',
          owner: null,
        },
      },
    ]);
    expect(await screen.findByTestId('entry-auto_ok-192.0.2.0/24')).toBeTruthy();
  });

  test('when the server refuses the value and the reason then each message shows at its field in words, with no field path', async () => {
    signIn('admin');
    serve(
      [],
      refusingPosts([
        { path: 'body.value', message: 'not an IPv4 or IPv6 address' },
        { path: 'body.reason', message: 'a reason is required' },
      ]),
    );
    renderPage();
    await screen.findByText('The Protected list is empty.');
    await userEvent.click(screen.getByRole('button', { name: 'New entry' }));
    const form = screen.getByRole('form', { name: 'New protected entry' });
    await userEvent.type(within(form).getByLabelText('Value'), '999.1.1.1');
    await userEvent.click(within(form).getByRole('button', { name: 'Add entry' }));

    const value = within(form).getByLabelText('Value');
    await vi.waitFor(() => expect(value.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByTestId('field-error-body.value').textContent).toBe('not an IPv4 or IPv6 address');
    expect(screen.getByTestId('field-error-body.reason').textContent).toBe('a reason is required');
    expect(form.textContent).not.toMatch(/body\.|validation_failed/);
  });

  test('when the entry is already on the list (409) then the message shows beside the value', async () => {
    signIn('admin');
    serve([], (req) => {
      if (req.method === 'POST')
        throw new FakeReply(409, {
          error: { code: 'duplicate_entry', message: '"10.1.1.1" is already on the protected list as a ip' },
        });
      return undefined;
    });
    renderPage();
    await screen.findByText('The Protected list is empty.');
    await userEvent.click(screen.getByRole('button', { name: 'New entry' }));
    const form = screen.getByRole('form', { name: 'New protected entry' });
    await userEvent.type(within(form).getByLabelText('Value'), '10.1.1.1');
    await userEvent.type(within(form).getByLabelText('Reason'), 'dc');
    await userEvent.click(within(form).getByRole('button', { name: 'Add entry' }));

    expect((await screen.findByTestId('field-error-body.value')).textContent).toBe(
      '"10.1.1.1" is already on the protected list as a ip',
    );
  });

  test('when an admin refers an entry to an asset then the asset picked from the inventory is sent, not a typed value', async () => {
    signIn('admin');
    const dc = asset({ value: 'dc01.corp.example' });
    const { requests } = serve(
      [],
      (req) => (req.method === 'POST' ? entry({ kind: 'host', value: dc.value, assetId: dc.id }) : undefined),
      [dc, asset({ value: 'web01.corp.example', owner: 'web' })],
    );
    renderPage();
    await screen.findByText('The Protected list is empty.');
    await userEvent.click(screen.getByRole('button', { name: 'New entry' }));
    const form = screen.getByRole('form', { name: 'New protected entry' });
    await userEvent.click(within(form).getByLabelText(/Refers to an asset/));
    const picker = within(form).getByLabelText('Matching assets');
    await within(picker).findByRole('option', { name: 'host dc01.corp.example (identity)' });
    await userEvent.selectOptions(picker, dc.id);
    await userEvent.type(within(form).getByLabelText('Reason'), 'domain controller');
    await userEvent.click(within(form).getByRole('button', { name: 'Add entry' }));

    await screen.findByText('Added dc01.corp.example to the Protected list.');
    expect(writes(requests)).toEqual([
      {
        method: 'POST',
        url: '/safety/entries',
        body: { list: 'protected', assetId: dc.id, criticality: 'medium', reason: 'domain controller', owner: null },
      },
    ]);
    expect(requests.some((r) => r.url === '/assets?limit=20')).toBe(true);
  });

  test('when an admin edits an entry then the changed reason is sent as a PATCH', async () => {
    signIn('admin');
    const e = entry({ value: '10.5.5.5', reason: 'old reason' });
    const { requests } = serve([e], (req) => (req.method === 'PATCH' ? { ...e, reason: 'new reason' } : undefined));
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit 10.5.5.5' }));
    const form = screen.getByRole('form', { name: 'Edit 10.5.5.5' });
    await userEvent.clear(within(form).getByLabelText('Reason'));
    await userEvent.type(within(form).getByLabelText('Reason'), 'new reason');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));

    await screen.findByText('Saved 10.5.5.5.');
    expect(writes(requests)).toEqual([
      {
        method: 'PATCH',
        url: `/safety/entries/${e.id}`,
        body: {
          list: 'protected',
          kind: 'ip',
          value: '10.5.5.5',
          criticality: 'high',
          reason: 'new reason',
          owner: null,
          assetId: null,
        },
      },
    ]);
  });

  test('when an admin deletes the entry after confirming (RowActions) then its DELETE is sent and the page says so', async () => {
    signIn('admin');
    const doomed = entry({ value: '10.9.9.9' });
    const { requests } = serve([doomed]);
    renderPage();
    await screen.findByTestId('entry-protected-10.9.9.9');

    await confirmDelete('10.9.9.9');

    await screen.findByText('Deleted 10.9.9.9.');
    expect(writes(requests)).toEqual([{ method: 'DELETE', url: `/safety/entries/${doomed.id}`, body: undefined }]);
  });

  test('when an import is refused then each bad row and column is listed in words; a good one reports its counts', async () => {
    signIn('admin');
    let refuse = true;
    const { requests } = serve([], (req) => {
      if (req.method !== 'POST' || req.url !== '/safety/entries/import') return undefined;
      if (refuse)
        throw new FakeReply(400, {
          error: {
            code: 'validation_failed',
            message: 'CSV refused, nothing imported: body.csv.row 1.reason: a reason is required',
            details: [{ path: 'body.csv.row 1.reason', message: 'a reason is required' }],
          },
        });
      return { created: 1, updated: 0, rows: 1 };
    });
    renderPage();
    await screen.findByText('The Protected list is empty.');
    const csv = 'list,kind,value,criticality,reason,owner\nprotected,ip,10.0.0.1,high,,';
    const form = await importPasted('Import safety entries', csv);
    expect(form.textContent).toContain('list,kind,value,criticality,reason,owner');

    const list = await screen.findByRole('list', { name: 'Row errors' });
    expect(within(list).getByRole('listitem').textContent).toBe('Row 1, column reason: a reason is required');
    expect(within(form).getByRole('alert').textContent).not.toContain('body.');
    expect(writes(requests)[0]).toEqual({ method: 'POST', url: '/safety/entries/import', body: { csv } });

    refuse = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Import' }));
    await screen.findByText('Imported 1 rows: 1 new, 0 updated.');
  });
});
