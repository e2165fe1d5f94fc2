// @vitest-environment jsdom
import type { Asset } from '@autonomic/api';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import {
  assetFixture as asset,
  cellsOf,
  confirmDelete,
  fill,
  importPasted,
  renderAt,
  resetAfterEach,
  signIn,
  writes,
} from '../shared/testing';
import { AssetsPage } from './AssetsPage';

resetAfterEach();

/** GET /assets answers from `rows` (filtered by q on the value, owner and service); the rest goes to `other`. */
function serve(rows: Asset[], other: (req: FakeRequest) => unknown = () => undefined) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url.startsWith('/assets?')) {
      const q = new URLSearchParams(req.url.split('?')[1]).get('q')?.toLowerCase();
      const hit = (a: Asset) =>
        !q || [a.value, a.owner ?? '', a.businessService ?? ''].some((s) => s.toLowerCase().includes(q));
      return { assets: rows.filter(hit), next: null };
    }
    return other(req);
  });
}

const renderPage = () => renderAt('/admin/assets', <AssetsPage />);

describe('the assets page', () => {
  test('when it opens then each asset shows its criticality, owner, service and tags, and markup in a value stays text', async () => {
    signIn('analyst');
    serve([
      asset({
        value: '10.20.0.5',
        criticality: 'critical',
        owner: 'scada-team',
        businessService: 'Factory',
        tags: ['ot', 'pci'],
      }),
      asset({ kind: 'host', value: 'x.example', owner: '<img src=x onerror=alert(1)>' }),
    ]);
    renderPage();

    expect(await cellsOf('asset-10.20.0.5')).toEqual([
      'ip',
      '10.20.0.5',
      'critical',
      'scada-team',
      'Factory',
      'ot, pci',
    ]);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    // Readers search and export, and are told who manages the list; no write buttons.
    expect(screen.getByTestId('admins-only')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/assets/export');
    expect(screen.queryByRole('button', { name: 'New asset' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  test('when a search is sent then the list shows only the matches', async () => {
    signIn('analyst');
    const { requests } = serve([
      asset({ value: '10.1.1.1', owner: 'netops' }),
      asset({ value: '10.2.2.2', owner: 'plant-ops' }),
    ]);
    renderPage();
    await screen.findByTestId('asset-10.1.1.1');

    await userEvent.type(screen.getByRole('searchbox'), 'plant');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));

    await vi.waitFor(() => expect(screen.queryByTestId('asset-10.1.1.1')).toBeNull());
    expect(screen.getByTestId('asset-10.2.2.2')).toBeTruthy();
    expect(requests.at(-1)?.url).toBe('/assets?limit=100&q=plant');
  });

  test('when an admin deletes the asset after confirming (RowActions) then its DELETE is sent and the page says so', async () => {
    signIn('admin');
    const doomed = asset({ value: '10.9.9.9' });
    const { requests } = serve([doomed], () => undefined);
    renderPage();
    await screen.findByTestId('asset-10.9.9.9');

    await confirmDelete('10.9.9.9');

    await screen.findByText('Deleted 10.9.9.9.');
    expect(writes(requests)).toEqual([{ method: 'DELETE', url: `/assets/${doomed.id}`, body: undefined }]);
  });

  test('when an admin adds an asset then the form sends it with tags split on ;', async () => {
    signIn('admin');
    const { requests } = serve([], (req) => (req.method === 'POST' ? asset({ value: '192.0.2.7' }) : undefined));
    renderPage();
    await screen.findByText('No assets yet.');

    await userEvent.click(screen.getByRole('button', { name: 'New asset' }));
    const form = screen.getByRole('form', { name: 'New asset' });
    await fill(form, {
      Value: '192.0.2.7',
      Criticality: { pick: 'high' },
      Owner: 'soc',
      'Tags (separated by ;)': 'dmz; web',
    });
    await userEvent.click(within(form).getByRole('button', { name: 'Add asset' }));

    await screen.findByText('Added 192.0.2.7.');
    expect(writes(requests)).toEqual([
      {
        method: 'POST',
        url: '/assets',
        body: {
          kind: 'ip',
          value: '192.0.2.7',
          criticality: 'high',
          owner: 'soc',
          businessService: null,
          tags: ['dmz', 'web'],
        },
      },
    ]);
  });

  test('when an import is refused then each bad row and column is listed; a good one reports its counts', async () => {
    signIn('admin');
    let refuse = true;
    const { requests } = serve([], (req) => {
      if (req.method !== 'POST' || req.url !== '/assets/import') return undefined;
      if (refuse)
        throw new FakeReply(400, {
          error: {
            code: 'validation_failed',
            message:
              'CSV refused, nothing imported: body.csv.row 2.criticality: "urgent" is not one of low, medium, high, critical',
            details: [
              { path: 'body.csv.row 2.criticality', message: '"urgent" is not one of low, medium, high, critical' },
              { path: 'body.csv.row 3.value', message: 'not an IPv4 or IPv6 address' },
            ],
          },
        });
      return { created: 2, updated: 1, rows: 3 };
    });
    renderPage();
    await screen.findByText('No assets yet.');
    const csv = 'kind,value,criticality,owner,business_service,tags\nip,10.0.0.1,urgent,,,';
    await importPasted('Import assets', csv);

    const list = await screen.findByRole('list', { name: 'Row errors' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Row 2, column criticality: "urgent" is not one of low, medium, high, critical',
      'Row 3, column value: not an IPv4 or IPv6 address',
    ]);
    expect(writes(requests)[0]).toEqual({ method: 'POST', url: '/assets/import', body: { csv } });

    refuse = false;
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('Imported 3 rows: 2 new, 1 updated.');
  });
});
