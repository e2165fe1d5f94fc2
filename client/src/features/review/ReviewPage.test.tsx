// @vitest-environment jsdom
import { diffWorkflows } from '@autonomic/workflow';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { api } from '../../api/client';
import { useAuth, type User } from '../../auth/store';
import { copyOfBase, parsedDocument } from '../versions/testing';
import type { ReviewDetail } from './api';
import { ReviewPage } from './ReviewPage';

vi.mock(import('../../api/client'), async (original) => ({ ...(await original()), api: vi.fn() }));
// The canvas needs a layout engine jsdom does not have; the page's logic is what is under test.
vi.mock('../versions/canvas/OverlayCanvas', () => ({ OverlayCanvas: () => <div data-testid="canvas" /> }));

// The author is an admin: the role alone would let them decide, so only authorship hides the buttons.
const alice: User = { id: 'u-alice', username: 'alice', displayName: 'Alice', role: 'admin' };
const bob: User = { id: 'u-bob', username: 'bob', displayName: 'Bob', role: 'reviewer' };

const published = parsedDocument(copyOfBase());
const draftRaw = copyOfBase();
draftRaw.steps.block.params.duration = '24h';
const draft = parsedDocument(draftRaw);

const version = {
  id: 'v2',
  workflowId: 'wf',
  number: 2,
  contentHash: 'a'.repeat(64),
  status: 'in_review' as const,
  changeNote: 'longer block',
  createdAt: '2026-11-27T10:00:00Z',
  author: { id: alice.id, username: 'alice', displayName: 'Alice' },
};

const review: ReviewDetail = {
  id: 'r1',
  status: 'open',
  requiredApprovals: 1,
  samplesRequired: false,
  requestedReviewerIds: [bob.id],
  approvedBy: [],
  createdAt: '2026-11-27T10:00:00Z',
  closedAt: null,
  workflow: { id: 'wf', slug: 'containment', name: 'Containment' },
  version,
  decisions: [],
  against: { number: 1, contentHash: 'b'.repeat(64) },
  risk: 'high',
  diff: diffWorkflows(published, draft),
  policy: {
    requiredApprovals: 1,
    approvedBy: [],
    samplesRequired: false,
    samples: [],
    missing: ['1 more approval(s) of this content'],
    satisfied: false,
  },
};

function answer(path: string): unknown {
  if (path === '/reviews/r1') return review;
  if (path === '/workflows/wf')
    return { id: 'wf', slug: 'containment', name: 'Containment', ownerId: alice.id, published: null, latest: null };
  if (path === '/workflows/wf/versions/1')
    return { ...version, number: 1, document: published, problems: [], reviews: [] };
  if (path === '/workflows/wf/versions/2') return { ...version, document: draft, problems: [], reviews: [] };
  if (path === '/workflows/wf/versions/2/comments') return { threads: [] };
  throw new Error(`unexpected call ${path}`);
}

function renderAs(user: User) {
  useAuth.setState({ user, status: 'signed-in' });
  render(
    <MemoryRouter initialEntries={['/reviews/r1']}>
      <Routes>
        <Route path="/reviews/:id" element={<ReviewPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

beforeEach(() => {
  vi.mocked(api).mockImplementation(async (path: string) => answer(path));
});
afterEach(() => {
  cleanup();
  vi.mocked(api).mockReset();
});

describe('ReviewPage', () => {
  test('when the author opens their own review then there is no Approve or Request changes at all', async () => {
    renderAs(alice);
    await screen.findByTestId('review-policy');
    expect(screen.queryByTestId('review-decision')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Request changes' })).toBeNull();
    expect(screen.getByText(/you are the author/)).toBeTruthy();
  });

  test('when another reviewer opens it then Approve and Request changes are offered', async () => {
    renderAs(bob);
    await screen.findByTestId('review-policy');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Request changes' })).toBeTruthy();
  });

  test('when a destructive step changed then the page shows high risk, why, and the diff against published', async () => {
    renderAs(bob);
    await screen.findByTestId('review-policy');
    expect(screen.getByTestId('risk-banner').textContent).toMatch(/Risk: high.*destructi/);
    expect(screen.getByTestId('diff-change-block').textContent).toMatch(/Block IP/);
    expect(screen.getByText(/compared with/).textContent).toMatch(/published v1/);
  });
});
