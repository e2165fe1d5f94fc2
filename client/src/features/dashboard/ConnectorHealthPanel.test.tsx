// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectorDrift, ConnectorHealth, type UserSummary } from '@autonomic/api';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { ConnectorHealthPanel } from './ConnectorHealthPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

const WORKFLOW_ID = '01a24a00-0000-7000-8000-000000000001';
const ADMIN_ID = '01a24a00-0000-7000-8000-0000000000ad';

function signIn(role: UserSummary['role']) {
  const user = { id: ADMIN_ID, username: 'u', displayName: 'U', role } as UserSummary;
  useAuth.setState({ user, status: 'signed-in' });
}

// Built through the contract's parse, so a field the contract gains or drops shows here.
const health = (over: object) =>
  ConnectorHealth.parse({ drift: { events: 0, open: 0, breaking: 0, lastSeenAt: null }, ...over });

const abuse = (open: number) =>
  health({
    connectorId: 'abuseipdb',
    name: 'AbuseIPDB',
    status: 'degraded',
    credentials: [
      {
        name: 'abuse-broken',
        mode: 'live',
        state: 'failing',
        lastProbe: { at: '2026-12-06T08:00:00.000Z', ok: false, status: 401, message: 'Authentication failed' },
        nextProbeAt: '2026-12-06T08:15:00.000Z',
      },
      { name: 'abuse-demo', mode: 'test', state: 'test', lastProbe: null, nextProbeAt: null },
    ],
    drift: { events: 7, open, breaking: 1, lastSeenAt: '2026-12-06T07:00:00.000Z' },
    affectedWorkflows: [{ id: WORKFLOW_ID, name: 'Check suspicious IPs', credentials: ['abuse-broken'] }],
  });
const slack = health({
  connectorId: 'slack',
  name: 'Slack',
  status: 'ok',
  credentials: [
    {
      name: 'slack-soc',
      mode: 'live',
      state: 'ok',
      lastProbe: { at: '2026-12-06T08:00:00.000Z', ok: true, status: 200, message: 'Slack answered HTTP 200' },
      nextProbeAt: '2026-12-06T08:15:00.000Z',
    },
  ],
  affectedWorkflows: [],
});

const drift = (n: number, over: object) =>
  ConnectorDrift.parse({
    id: `01a24a00-0000-7000-8000-00000000d00${n}`,
    connectorId: 'abuseipdb',
    version: '1.0.0',
    action: 'check_ip',
    count: 1,
    required: null,
    sample: null,
    failing: false,
    firstSeenAt: '2026-12-06T06:00:00.000Z',
    lastSeenAt: '2026-12-06T07:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedById: null,
    ...over,
  });
const gone = drift(1, {
  path: '/data/totalReports',
  kind: 'missing',
  expected: 'integer',
  actual: 'absent',
  required: true,
  count: 3,
  failing: true,
});
const added = drift(2, {
  path: '/data/total_reports',
  kind: 'new',
  expected: 'undeclared',
  actual: 'integer',
  count: 3,
  sample: '<integer>',
});
const retyped = drift(3, {
  path: '/data/abuseConfidenceScore',
  kind: 'type',
  expected: 'integer',
  actual: 'string',
  sample: '<string, 2 chars>',
  acknowledgedAt: '2026-12-06T07:30:00.000Z',
  acknowledgedById: ADMIN_ID,
});

/**
 * The server: health from the drift rows' open count, AbuseIPDB's drift rows, and
 * acknowledging one (which marks it, as the route does). Every request is kept.
 */
function serve(rows = [gone, added, retyped]) {
  return fakeServer((req: FakeRequest) => {
    const open = rows.filter((d) => d.acknowledgedAt === null).length;
    if (req.method === 'GET' && req.url === '/connectors/health') return { connectors: [abuse(open), slack] };
    if (req.method === 'GET' && req.url === '/connectors/drift?connector=abuseipdb&limit=100') return { drift: rows };
    const ack = /^\/connectors\/drift\/([^/]+)\/acknowledge$/.exec(req.url);
    const i = rows.findIndex((d) => d.id === ack?.[1]);
    if (req.method === 'POST' && i >= 0) {
      rows[i] = { ...rows[i]!, acknowledgedAt: '2026-12-06T09:00:00.000Z', acknowledgedById: ADMIN_ID };
      return rows[i];
    }
    throw new FakeReply(404, { error: { code: 'not_found', message: `no ${req.method} ${req.url}`, details: [] } });
  });
}

const rowOf = async (connector: string) => {
  const table = await screen.findByRole('table', { name: 'Health per connector' });
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByText(connector, { exact: true }));
  if (!row) throw new Error(`no row for ${connector}`);
  return within(row);
};

/** The drift table's rows as text, cell by cell, keyed by path. */
async function driftRows(connector: string) {
  const table = await screen.findByRole('table', { name: `Drift of ${connector}` });
  return Object.fromEntries(
    within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => {
        const cells = within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent);
        return [cells[1], cells];
      }),
  );
}

describe('ConnectorHealthPanel', () => {
  test('when a credential fails then its connector shows the status, the failing probe, drift and the affected workflow linked', async () => {
    const { requests } = serve();
    render(<ConnectorHealthPanel />);

    const row = await rowOf('AbuseIPDB');

    expect(requests.map((r) => r.url)).toEqual(['/connectors/health']);
    expect(row.getByText('degraded').className).toContain('badge-waiting');
    const broken = row.getByTestId('credential-health-abuse-broken');
    expect(broken.textContent).toContain('failing');
    expect(broken.textContent).toContain('HTTP 401, Authentication failed');
    expect(row.getByTestId('credential-health-abuse-demo').textContent).toContain('test credential (not probed)');
    expect(row.getByText('2 / 7')).toBeTruthy();
    const link = row.getByRole('link', { name: 'Check suspicious IPs' });
    expect(link.getAttribute('href')).toBe(`/workflows/${WORKFLOW_ID}`);
    const ok = await rowOf('Slack');
    expect(ok.getAllByText('ok').map((e) => e.className)).toEqual(['badge badge-succeeded', 'badge badge-succeeded']);
    expect(ok.getByText('none')).toBeTruthy();
    expect(ok.getByText('0 / 0')).toBeTruthy();
    // Nothing drifted: nothing to show.
    expect(ok.getByText('no drift')).toBeTruthy();
    expect(ok.queryByRole('button')).toBeNull();
  });

  test('when a connector row is expanded then its drift rows say what changed in words, how often, with the masked sample and state', async () => {
    signIn('analyst');
    const { requests } = serve();
    render(<ConnectorHealthPanel />);
    const show = (await rowOf('AbuseIPDB')).getByRole('button', { name: 'Show drift (2)' });
    expect(show.getAttribute('aria-expanded')).toBe('false');

    await userEvent.click(show);

    expect(show.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(show.getAttribute('aria-controls') ?? '')?.tagName).toBe('SECTION');
    const rows = await driftRows('AbuseIPDB');
    const at = (iso: string) => new Date(iso).toLocaleString();
    expect(rows['/data/totalReports']).toEqual([
      'check_ip v1.0.0',
      '/data/totalReports',
      'field gone (required)',
      '3',
      at(gone.firstSeenAt),
      at(gone.lastSeenAt),
      'yes',
      'none',
      'open',
    ]);
    expect(rows['/data/total_reports']?.slice(2)).toEqual([
      'new field',
      '3',
      at(added.firstSeenAt),
      at(added.lastSeenAt),
      'no',
      '"<integer>"',
      'open',
    ]);
    expect(rows['/data/abuseConfidenceScore']?.[2]).toBe('type changed: integer → string');
    expect(rows['/data/abuseConfidenceScore']?.[8]).toBe(`acknowledged ${at('2026-12-06T07:30:00.000Z')}`);
    const sample = screen.getByText('"<string, 2 chars>"');
    expect(sample.tagName).toBe('CODE');
    expect(requests.map((r) => r.url)).toEqual([
      '/connectors/health',
      '/connectors/drift?connector=abuseipdb&limit=100',
    ]);
    // Not an admin: nothing to acknowledge.
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).toBeNull();

    await userEvent.click(show);

    expect(show.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('table', { name: 'Drift of AbuseIPDB' })).toBeNull();
  });

  test('when an admin acknowledges an open drift then the route is called and the rows and counts are refreshed', async () => {
    signIn('admin');
    const { requests } = serve();
    render(<ConnectorHealthPanel />);
    await userEvent.click((await rowOf('AbuseIPDB')).getByRole('button', { name: 'Show drift (2)' }));
    await screen.findByRole('table', { name: 'Drift of AbuseIPDB' });
    // Only the open rows offer it.
    expect(screen.getAllByRole('button', { name: /^Acknowledge/ }).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Acknowledge check_ip /data/totalReports',
      'Acknowledge check_ip /data/total_reports',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge check_ip /data/total_reports' }));

    const row = await rowOf('AbuseIPDB');
    expect(await row.findByText('1 / 7')).toBeTruthy();
    expect(row.getByRole('button', { name: 'Hide drift' }).getAttribute('aria-expanded')).toBe('true');
    const rows = await driftRows('AbuseIPDB');
    expect(rows['/data/total_reports']?.[8]).toBe(
      `acknowledged ${new Date('2026-12-06T09:00:00.000Z').toLocaleString()}`,
    );
    expect(screen.getAllByRole('button', { name: /^Acknowledge/ })).toHaveLength(1);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /connectors/health',
      'GET /connectors/drift?connector=abuseipdb&limit=100',
      `POST /connectors/drift/${added.id}/acknowledge`,
      'GET /connectors/drift?connector=abuseipdb&limit=100',
      'GET /connectors/health',
    ]);
  });

  test('when acknowledging is refused then the reason is shown and the row stays open', async () => {
    signIn('admin');
    const rows = [gone];
    fakeServer((req) => {
      if (req.url === '/connectors/health') return { connectors: [abuse(1)] };
      if (req.method === 'GET') return { drift: rows };
      throw new FakeReply(403, { error: { code: 'forbidden', message: 'admins only', details: [] } });
    });
    render(<ConnectorHealthPanel />);
    await userEvent.click((await rowOf('AbuseIPDB')).getByRole('button', { name: 'Show drift (1)' }));

    await userEvent.click(await screen.findByRole('button', { name: 'Acknowledge check_ip /data/totalReports' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not acknowledge check_ip /data/totalReports: admins only',
    );
    expect((await driftRows('AbuseIPDB'))['/data/totalReports']?.[8]).toBe('open Acknowledge');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: /^Acknowledge/ }).disabled).toBe(false);
  });

  test('when no connector has a credential then the panel says so', async () => {
    fakeServer(() => ({ connectors: [] }));
    render(<ConnectorHealthPanel />);

    expect((await screen.findByRole('status')).textContent).toBe('No connector has a credential yet.');
  });

  test('when the server refuses then the panel shows why instead of a table', async () => {
    fakeServer(() => {
      throw new FakeReply(500, { error: { code: 'internal', message: 'boom' } });
    });
    render(<ConnectorHealthPanel />);

    expect((await screen.findByRole('alert')).textContent).toContain('Could not load connector health: boom');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
