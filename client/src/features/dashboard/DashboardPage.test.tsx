// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { DashboardData } from './api';

const load = vi.fn<(...args: unknown[]) => Promise<DashboardData>>();
vi.mock('./api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./api')>()),
  loadDashboard: (...args: unknown[]) => load(...args),
  listDashboardWorkflows: () => Promise.resolve({ workflows: [] }),
}));
const { DashboardPage } = await import('./DashboardPage');

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
  load.mockReset();
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
    durations: { workflows: [] },
    contain: { overall: { runs: 0, p50: null, p95: null }, workflows: [] },
    saved: { range, total: { ...zero, runsWithoutBaseline: 0 }, buckets: [], workflows: [] },
    approvals: { ...counts, pending: 0, medianDecisionSeconds: null, p95DecisionSeconds: null, workflows: [] },
    failing: { steps: [] },
    automation: { workflows: [] },
    slos: { slos: [] },
  };
}

const runsPanel = () => screen.getByRole('region', { name: 'Runs over time by status' });

describe('DashboardPage', () => {
  test('when "Table view" is pressed then the runs chart becomes a table of the same buckets, and back', async () => {
    load.mockResolvedValue(data(11));
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
    load.mockResolvedValue(data(0));
    render(<DashboardPage />);
    await waitFor(() => expect(runsPanel()).toBeTruthy());

    expect(within(runsPanel()).getByRole('status').textContent).toBe('No runs in this range.');
    expect((within(runsPanel()).getByRole('button', { name: 'Table view' }) as HTMLButtonElement).disabled).toBe(true);
    for (const title of ['Time saved, measured', 'Time to contain', 'Run duration per workflow', 'Top failing steps']) {
      expect(within(screen.getByRole('region', { name: title })).getByRole('status')).toBeTruthy();
    }
  });

  test('when a chart has a CSV link then it points at the runs behind that chart for the same range', async () => {
    load.mockResolvedValue(data(11));
    render(<DashboardPage />);
    await waitFor(() => expect(runsPanel()).toBeTruthy());

    const link = within(runsPanel()).getByRole('link', { name: /CSV/ });
    const url = new URL(link.getAttribute('href') ?? '', 'http://x');
    expect(url.pathname).toBe('/api/dashboard/runs.csv');
    expect(url.searchParams.get('chart')).toBe('runs');
    const [filter] = load.mock.calls[0] ?? [];
    expect(url.searchParams.get('from')).toBe((filter as { from: string }).from);
  });
});
