// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { DashboardData } from './api';
import { DashboardPage } from './DashboardPage';

beforeAll(() => {
  // jsdom has no layout: recharts' ResponsiveContainer only needs the observer to exist.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const range = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-20T03:00:00.000Z', bucket: 'hour' as const };
const bucket = (at: string, succeeded: number, failed: number) => ({
  at,
  succeeded,
  failed,
  cancelled: 0,
  active: 0,
  successRate: succeeded + failed ? succeeded / (succeeded + failed) : null,
});

function data(runs: number): DashboardData {
  const buckets =
    runs === 0
      ? [bucket('2026-11-20T00:00:00.000Z', 0, 0), bucket('2026-11-20T01:00:00.000Z', 0, 0)]
      : [bucket('2026-11-20T00:00:00.000Z', 7, 1), bucket('2026-11-20T01:00:00.000Z', 3, 0)];
  const zero = { runs: 0, savedSeconds: 0, baselineSeconds: 0, humanSeconds: 0 };
  const counts = {
    tasks: 0,
    approved: 0,
    rejected: 0,
    timedOut: 0,
    cancelled: 0,
    escalations: 0,
    escalatedTasks: 0,
    breakGlass: 0,
  };
  return {
    runs: {
      range,
      totals: {
        runs,
        succeeded: runs ? 10 : 0,
        failed: runs ? 1 : 0,
        cancelled: 0,
        active: 0,
        successRate: runs ? 10 / 11 : null,
      },
      buckets,
    },
    durations: { range, workflows: [] },
    contain: { range, overall: { runs: 0, p50: null, p95: null }, workflows: [] },
    saved: { range, total: { ...zero, runsWithoutBaseline: 0 }, buckets: [], workflows: [] },
    approvals: { range, ...counts, pending: 0, medianDecisionSeconds: null, p95DecisionSeconds: null, workflows: [] },
    failing: { range, steps: [] },
    automation: { range, workflows: [] },
    slos: { defaults: { objectivePercent: 95, latencySeconds: 300, windowDays: 30 }, slos: [] },
  };
}

/**
 * Answers the page's requests as the server would, by path (the replies go through the
 * client's contract parse); returns the URLs asked for.
 */
function serve(d: DashboardData): URL[] {
  const byPath: Record<string, unknown> = {
    '/api/dashboard/workflows': { workflows: [] },
    '/api/dashboard/runs': d.runs,
    '/api/dashboard/durations': d.durations,
    '/api/dashboard/time-to-contain': d.contain,
    '/api/dashboard/time-saved': d.saved,
    '/api/dashboard/approvals': d.approvals,
    '/api/dashboard/failing-steps': d.failing,
    '/api/dashboard/automation': d.automation,
    '/api/dashboard/slos': d.slos,
    '/api/connectors/health': { connectors: [] },
  };
  const asked: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const url = new URL(input, 'http://x');
      asked.push(url);
      const body = byPath[url.pathname];
      return Promise.resolve(
        body === undefined
          ? new Response(JSON.stringify({ error: { code: 'not_found', message: url.pathname } }), { status: 404 })
          : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    }),
  );
  return asked;
}

const runsPanel = () => screen.getByRole('region', { name: 'Runs over time by status' });

describe('DashboardPage', () => {
  test('when "Table view" is pressed then the runs chart becomes a table of the same buckets, and back', async () => {
    serve(data(11));
    const user = userEvent.setup();
    render(<DashboardPage />);
    await waitFor(() => expect(runsPanel()).toBeTruthy());
    const toggle = within(runsPanel()).getByRole('button', { name: 'Table view' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(within(runsPanel()).queryByRole('table')).toBeNull();

    await user.click(toggle);

    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const table = within(runsPanel()).getByRole('table', { name: 'Runs by status per time bucket' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent)
          .slice(1),
      ),
    ).toEqual([
      ['7', '1', '0', '0', '87.5 %'],
      ['3', '0', '0', '0', '100.0 %'],
    ]);
    await user.click(toggle);
    expect(within(runsPanel()).queryByRole('table')).toBeNull();
  });

  test('when the range holds no run then every chart shows its empty state and offers no table view', async () => {
    serve(data(0));
    render(<DashboardPage />);
    await waitFor(() => expect(runsPanel()).toBeTruthy());

    expect(within(runsPanel()).getByRole('status').textContent).toBe('No runs in this range.');
    expect((within(runsPanel()).getByRole('button', { name: 'Table view' }) as HTMLButtonElement).disabled).toBe(true);
    for (const title of ['Time saved, measured', 'Time to contain', 'Run duration per workflow', 'Top failing steps']) {
      expect(within(screen.getByRole('region', { name: title })).getByRole('status')).toBeTruthy();
    }
  });

  test('when a chart has a CSV link then it points at the runs behind that chart for the same range', async () => {
    const asked = serve(data(11));
    render(<DashboardPage />);
    await waitFor(() => expect(runsPanel()).toBeTruthy());

    const link = within(runsPanel()).getByRole('link', { name: /CSV/ });
    const url = new URL(link.getAttribute('href') ?? '', 'http://x');
    expect(url.pathname).toBe('/api/dashboard/runs.csv');
    expect(url.searchParams.get('chart')).toBe('runs');
    const runsRequest = asked.find((u) => u.pathname === '/api/dashboard/runs');
    expect(url.searchParams.get('from')).toBe(runsRequest?.searchParams.get('from'));
    expect(url.searchParams.get('to')).toBe(runsRequest?.searchParams.get('to'));
  });

  test('when an aggregate comes back in another shape than the contract then the page says so instead of drawing it', async () => {
    const d = data(11);
    serve({ ...d, runs: { ...d.runs, totals: { ...d.runs.totals, runs: 'eleven' as unknown as number } } });
    render(<DashboardPage />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("the server's reply to GET /dashboard/runs is not what this page expects");
    expect(screen.queryByRole('region', { name: 'Runs over time by status' })).toBeNull();
  });

  test('when a workflow has fewer runs than the minimum then its SLO says not enough data and it is not at risk', async () => {
    const slo = (name: string, runs: number, good: number, budgetRemaining: number, state: string) => ({
      workflowId: crypto.randomUUID(),
      name,
      slug: name.toLowerCase(),
      configured: false,
      objectivePercent: 95,
      latencySeconds: 300,
      windowDays: 30,
      runs,
      good,
      compliance: good / runs,
      errorBudget: 0.05,
      budgetRemaining,
      burn: [],
      state,
      minRuns: 5,
    });
    const d = data(11);
    // A new workflow with one failed run (1 − 1/0.05 = −19, shown as −1900 % before) and one
    // whose budget is overspent with enough runs.
    serve({
      ...d,
      slos: {
        ...d.slos,
        slos: [slo('Fresh', 1, 0, -19, 'not_enough_data'), slo('Noisy', 20, 17, -2, 'exhausted')],
      },
    } as DashboardData);
    render(<DashboardPage />);
    const table = await screen.findByRole('table', { name: 'SLO status per workflow' });

    const row = (name: string) => within(table).getByRole('cell', { name }).closest('tr') as HTMLElement;
    expect(within(row('Fresh')).queryByRole('meter')).toBeNull();
    expect(row('Fresh').textContent).toContain('not enough data (1 of 5 runs)');
    expect(row('Fresh').textContent).toContain('Not enough data');
    expect(row('Fresh').textContent).not.toMatch(/−?1900|Budget spent/);
    expect(within(row('Noisy')).getByRole('meter').getAttribute('value')).toBe('0');
    expect(row('Noisy').textContent).toContain('0 % (overspent)');
    const summary = screen.getByRole('list', { name: 'Summary' });
    expect(summary.textContent).toContain('1 at risk');
    expect(summary.textContent).toContain('1 with too few runs');
    expect(screen.getByText(/at least 5 runs/)).toBeTruthy();
  });
});
