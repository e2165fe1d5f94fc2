// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { WorkflowListItem } from '@autonomic/api';
import { WorkflowListPage } from './WorkflowListPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const item = (n: number, name: string, connectorHealth?: WorkflowListItem['connectorHealth']): WorkflowListItem => ({
  id: `0190a000-0000-7000-8000-00000000000${n}`,
  slug: name.toLowerCase().replace(/ /g, '-'),
  name,
  owner: { id: '0190a000-0000-7000-8000-00000000a11c', username: 'alice', displayName: 'Alice' },
  tags: [],
  severity: null,
  killSwitch: false,
  createdAt: '2026-11-20T10:00:00.000Z',
  publishedVersion: 1,
  latestVersion: { number: 1, status: 'published', savedAt: '2026-11-20T10:00:00.000Z' },
  lastRun: null,
  ...(connectorHealth ? { connectorHealth } : {}),
});

describe('WorkflowListPage', () => {
  test('when a workflow uses a credential whose probe failed then its row carries a "connector failing" badge naming it', async () => {
    const workflows = [
      item(1, 'Check IPs', [
        { credential: 'abuse-prod', message: 'AbuseIPDB answered 401', at: '2026-12-06T08:00:00.000Z' },
      ]),
      item(2, 'Notify SOC', []),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ workflows }), { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
    );
    render(
      <MemoryRouter>
        <WorkflowListPage />
      </MemoryRouter>,
    );

    const table = await screen.findByTestId('workflow-list');
    const [, failing, fine] = within(table).getAllByRole('row');
    const badge = within(failing!).getByTestId('connector-failing');
    expect(badge.textContent).toBe('connector failing: abuse-prod');
    expect(badge.getAttribute('title')).toContain('AbuseIPDB answered 401');
    expect(within(fine!).queryByTestId('connector-failing')).toBeNull();
  });
});
