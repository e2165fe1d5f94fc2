// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { InboxItem, WorkflowListItem } from '@autonomic/api';
import { useAuth } from '../../auth/store';
import { workflowListItem } from './testing';
import { WorkflowListPage } from './WorkflowListPage';

afterEach(() => {
  cleanup();
  useAuth.setState({ user: null, status: 'signed-out' });
  vi.unstubAllGlobals();
});

const item = (n: number, name: string, connectorHealth?: WorkflowListItem['connectorHealth']): WorkflowListItem => ({
  ...workflowListItem(n, name),
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

  test('when a review of my latest draft came back with changes requested then its row says so and links to the review', async () => {
    const alice = {
      id: '0190a000-0000-7000-8000-00000000a11c',
      username: 'alice',
      displayName: 'Alice',
      role: 'analyst' as const,
    };
    useAuth.setState({ user: alice, status: 'signed-in' });
    const draft = (n: number, name: string, latest: number): WorkflowListItem => ({
      ...item(n, name),
      latestVersion: { number: latest, status: 'draft', savedAt: '2026-11-21T10:00:00.000Z' },
    });
    // "Sent back" still has v3 as its latest draft; "Answered" saved v4 since its v3 was sent back.
    const workflows = [draft(1, 'Sent back', 3), draft(2, 'Answered', 4), item(3, 'Untouched')];
    const sentBack = (n: number, reviewId: string): InboxItem => ({
      id: reviewId,
      status: 'changes_requested',
      requiredApprovals: 1,
      requestedReviewerIds: [],
      createdAt: '2026-11-21T10:00:00.000Z',
      requestedBy: alice,
      workflow: { id: `0190a000-0000-7000-8000-00000000000${n}`, slug: 'x', name: 'x' },
      version: {
        id: `0190a000-0000-7000-8000-0000000000c${n}`,
        number: 3,
        status: 'draft',
        contentHash: 'a'.repeat(64),
      },
      approvals: 0,
      myDecision: null,
    });
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        const body = url.startsWith('/api/reviews?')
          ? {
              reviews: [
                sentBack(1, '0190a000-0000-7000-8000-0000000000e1'),
                sentBack(2, '0190a000-0000-7000-8000-0000000000e2'),
              ],
            }
          : { workflows };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    render(
      <MemoryRouter>
        <WorkflowListPage />
      </MemoryRouter>,
    );

    const badge = await screen.findByTestId('changes-requested');
    const [, back, answered, untouched] = within(screen.getByTestId('workflow-list')).getAllByRole('row');
    expect(within(back!).getByTestId('changes-requested')).toBe(badge);
    expect(badge.textContent).toBe('changes requested');
    expect(badge.getAttribute('href')).toBe('/reviews/0190a000-0000-7000-8000-0000000000e1');
    expect(within(answered!).queryByTestId('changes-requested')).toBeNull();
    expect(within(untouched!).queryByTestId('changes-requested')).toBeNull();
    expect(urls).toContain('/api/reviews?mine=requested&status=changes_requested');
  });
});
