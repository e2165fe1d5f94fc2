// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ConnectorHealth } from '@autonomic/api';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ConnectorHealthPanel } from './ConnectorHealthPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const WORKFLOW_ID = '01a24a00-0000-7000-8000-000000000001';

const abuse: ConnectorHealth = {
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
  drift: { events: 7, open: 2, breaking: 1, lastSeenAt: '2026-12-06T07:00:00.000Z' },
  affectedWorkflows: [{ id: WORKFLOW_ID, name: 'Check suspicious IPs', credentials: ['abuse-broken'] }],
};
const slack: ConnectorHealth = {
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
  drift: { events: 0, open: 0, breaking: 0, lastSeenAt: null },
  affectedWorkflows: [],
};

/** Answers GET /api/connectors/health with `body` (through the client's contract parse); returns the paths asked. */
function serve(body: unknown, status = 200): string[] {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      asked.push(new URL(input, 'http://x').pathname);
      return Promise.resolve(
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
      );
    }),
  );
  return asked;
}

const rowOf = async (connector: string) => {
  const table = await screen.findByRole('table', { name: 'Health per connector' });
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByText(connector, { exact: true }));
  if (!row) throw new Error(`no row for ${connector}`);
  return within(row);
};

describe('ConnectorHealthPanel', () => {
  test('when a credential fails then its connector shows the status, the failing probe, drift and the affected workflow linked', async () => {
    const asked = serve({ connectors: [abuse, slack] });
    render(<ConnectorHealthPanel />);

    const row = await rowOf('AbuseIPDB');

    expect(asked).toEqual(['/api/connectors/health']);
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
  });

  test('when no connector has a credential then the panel says so', async () => {
    serve({ connectors: [] });
    render(<ConnectorHealthPanel />);

    expect((await screen.findByRole('status')).textContent).toBe('No connector has a credential yet.');
  });

  test('when the server refuses then the panel shows why instead of a table', async () => {
    serve({ error: { code: 'internal', message: 'boom' } }, 500);
    render(<ConnectorHealthPanel />);

    expect((await screen.findByRole('alert')).textContent).toContain('Could not load connector health: boom');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
