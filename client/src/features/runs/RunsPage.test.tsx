// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { RunPage, RunRow } from '@autonomic/api';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeServer, type FakeRequest } from './fakeServer';
import { RunsPage } from './RunsPage';

const WF = '0190a1b2-0000-7000-8000-000000000001';
const run: RunRow = {
  id: '0190a1b2-0000-7000-8000-0000000000aa',
  workflow: { id: WF, slug: 'containment', name: 'Containment' },
  version: { id: '0190a1b2-0000-7000-8000-0000000000b1', number: 1 },
  mode: 'live',
  status: 'failed',
  trigger: 'webhook',
  error: { kind: 'network', message: 'firewall unreachable', retryable: true },
  parentRunId: null,
  createdById: null,
  eventTimestamp: null,
  createdAt: '2026-11-27T10:00:00.000Z',
  startedAt: '2026-11-27T10:00:00.000Z',
  finishedAt: '2026-11-27T10:00:01.500Z',
};

let requests: FakeRequest[];
const runCalls = () => requests.map((r) => r.url).filter((p) => p.startsWith('/runs?'));

function renderAt(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/runs" element={<RunsPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

beforeEach(() => {
  ({ requests } = fakeServer(({ url }) => {
    if (url.startsWith('/workflows')) return { workflows: [] };
    if (url.startsWith('/runs?')) {
      const page: RunPage = { runs: [run], nextCursor: url.includes('cursor=') ? null : 'next-page' };
      return page;
    }
    throw new Error(`unexpected call ${url}`);
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('RunsPage', () => {
  test('when the URL carries filters then the list asks the API for exactly those', async () => {
    const from = '2026-11-01T08:00';
    renderAt(`/runs?workflowId=${WF}&status=failed&mode=live&from=${from}`);
    await screen.findByTestId(`run-row-${run.id}`);
    const q = new URLSearchParams(runCalls()[0]?.split('?')[1]);
    expect(q.get('workflowId')).toBe(WF);
    expect(q.get('status')).toBe('failed');
    expect(q.get('mode')).toBe('live');
    expect(q.get('from')).toBe(new Date(from).toISOString());
    expect(q.get('to')).toBeNull();
  });

  test('when a filter is chosen then the list is asked again with it in the query string', async () => {
    renderAt('/runs');
    await screen.findByTestId(`run-row-${run.id}`);
    expect(runCalls()[0]).toBe('/runs?limit=50');
    await userEvent.selectOptions(screen.getByTestId('filter-status'), 'waiting');
    await userEvent.selectOptions(screen.getByTestId('filter-mode'), 'simulation');
    await waitFor(() => expect(runCalls().at(-1)).toBe('/runs?status=waiting&mode=simulation&limit=50'));
  });

  test('when there is a next page then "Load more" asks for it with the cursor and the same filters', async () => {
    renderAt('/runs?status=failed');
    await userEvent.click(await screen.findByTestId('load-more'));
    await waitFor(() => expect(runCalls().at(-1)).toBe('/runs?status=failed&cursor=next-page&limit=50'));
  });

  test('when a run failed then its row shows the status badge and the error', async () => {
    renderAt('/runs');
    const row = await screen.findByTestId(`run-row-${run.id}`);
    expect(row.textContent).toMatch(/failed/);
    expect(row.textContent).toMatch(/firewall unreachable/);
    expect(row.textContent).toMatch(/1.5 s/);
  });

  test('when the reply is not what the runs contract says then the page says so instead of rendering it', async () => {
    fakeServer(({ url }) =>
      url.startsWith('/runs?') ? { runs: [{ ...run, status: 'exploded' }], nextCursor: null } : { workflows: [] },
    );
    renderAt('/runs');
    expect((await screen.findByRole('alert')).textContent).toMatch(/not what this page expects/);
    expect(screen.queryByTestId(`run-row-${run.id}`)).toBeNull();
  });
});
