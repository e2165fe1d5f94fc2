// @vitest-environment jsdom
import { diffWorkflows } from '@autonomic/workflow';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CommentThread, ReviewDetail, VersionDetail, WorkflowDetail } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import type { CanvasOverlay } from '../../editor';
import { useAuth, type User } from '../../auth/store';
import { copyOfBase, parsedDocument } from '../versions/testing';
import { ReviewPage } from './ReviewPage';

// The canvas needs a layout engine jsdom does not have; the page's logic is what is under test.
// Each node is drawn as a box with the canvas's real marker, read from the overlay the page gives.
vi.mock('../versions/canvas/OverlayCanvas', async () => {
  const { CanvasOverlayContext } = await import('../../editor/canvas/overlay-context');
  const { NodeMarkerBadge } = await import('../../editor/canvas/NodeMarkerBadge');
  return {
    OverlayCanvas: ({ graph, overlay }: { graph: EditorGraph; overlay?: CanvasOverlay }) => (
      <div data-testid="canvas">
        <CanvasOverlayContext.Provider value={overlay ?? null}>
          {graph.nodes.map((n) => (
            <div key={n.id} data-testid={`node-${n.id}`}>
              <NodeMarkerBadge id={n.id} />
            </div>
          ))}
        </CanvasOverlayContext.Provider>
      </div>
    ),
  };
});

// The author is an admin: the role alone would let them decide, so only authorship hides the buttons.
const alice: User = {
  id: '0190a000-0000-7000-8000-00000000a11c',
  username: 'alice',
  displayName: 'Alice',
  role: 'admin',
};
const bob: User = { id: '0190a000-0000-7000-8000-000000000b0b', username: 'bob', displayName: 'Bob', role: 'reviewer' };
// Reviewers the author did not ask: carol may not decide, an admin may with a reason.
const carol: User = {
  id: '0190a000-0000-7000-8000-0000000ca201',
  username: 'carol',
  displayName: 'Carol',
  role: 'reviewer',
};
const root: User = { id: '0190a000-0000-7000-8000-00000000ad01', username: 'root', displayName: 'Root', role: 'admin' };
const WF = '0190a000-0000-7000-8000-0000000000f1';
const REVIEW = '0190a000-0000-7000-8000-0000000000e1';

const published = parsedDocument(copyOfBase());
const draftRaw = copyOfBase();
(draftRaw.steps.block.params['input'] as Record<string, unknown>)['duration'] = '24h';
// A value only the draft has: its change has no `before`, which JSON leaves out of the reply.
(draftRaw.steps.block.params['input'] as Record<string, unknown>)['ticket'] = 'INC-1';
const draft = parsedDocument(draftRaw);

const version = {
  id: '0190a000-0000-7000-8000-0000000000c2',
  workflowId: WF,
  number: 2,
  contentHash: 'a'.repeat(64),
  status: 'in_review' as const,
  changeNote: 'longer block',
  createdAt: '2026-11-27T10:00:00.000Z',
  author: { id: alice.id, username: 'alice', displayName: 'Alice' },
};

const review: ReviewDetail = {
  id: REVIEW,
  status: 'open',
  requiredApprovals: 1,
  testsRequired: false,
  requestedReviewerIds: [bob.id],
  approvedBy: [],
  createdAt: '2026-11-27T10:00:00.000Z',
  closedAt: null,
  workflow: { id: WF, slug: 'containment', name: 'Containment' },
  version,
  decisions: [],
  against: { number: 1, contentHash: 'b'.repeat(64) },
  risk: 'high',
  diff: diffWorkflows(published, draft),
  policy: {
    requiredApprovals: 1,
    approvedBy: [],
    testsRequired: false,
    tests: {
      workflowId: WF,
      number: 2,
      contentHash: 'a'.repeat(64),
      status: 'not_run',
      cases: [],
      coverage: null,
      startedAt: null,
      finishedAt: null,
      requestedAt: null,
    },
    destructive: [],
    missing: ['1 more approval(s) of this content'],
    satisfied: false,
  },
};

const workflow: WorkflowDetail = {
  id: WF,
  slug: 'containment',
  name: 'Containment',
  ownerId: alice.id,
  owner: { id: alice.id, username: 'alice', displayName: 'Alice' },
  createdAt: '2026-11-20T10:00:00.000Z',
  publishedVersionId: null,
  killSwitch: false,
  maxDestructivePerRun: null,
  maxDestructivePerHour: null,
  manualBaselineMinutes: null,
  webhookEnabled: false,
  published: null,
  latest: null,
};

const versionDetail = (number: number, document: unknown): VersionDetail => ({
  ...version,
  number,
  document,
  problems: [],
  reviews: [],
});

/** The server's answers by URL, shaped as the contract says: the client parses each one. */
function answer(url: string): unknown {
  if (url === `/api/reviews/${REVIEW}` || url === `/api/reviews/${REVIEW}/decisions`) return current;
  if (url === `/api/workflows/${WF}`) return workflow;
  if (url === `/api/workflows/${WF}/versions/1`) return versionDetail(1, published);
  if (url === `/api/workflows/${WF}/versions/2`) return versionDetail(2, draft);
  if (url === `/api/workflows/${WF}/versions/2/comments`) return { threads };
  throw new Error(`unexpected call ${url}`);
}

/** The review the server answers with (a test may give the version cases). */
let current: ReviewDetail = review;
/** The version's comment threads the server answers with. */
let threads: CommentThread[] = [];

let c = 0;
const thread = (nodeId: string | null, resolved = false): CommentThread => ({
  id: `0190a000-0000-7000-8000-${String((c += 1)).padStart(12, '0')}`,
  versionId: version.id,
  authorId: bob.id,
  author: { username: 'bob', displayName: 'Bob' },
  nodeId,
  body: `note ${c}${resolved ? ' (settled)' : ''}`,
  parentId: null,
  createdAt: '2026-11-27T11:00:00.000Z',
  resolvedAt: resolved ? '2026-11-27T12:00:00.000Z' : null,
  replies: [],
});

/** The review with v2's cases run: one failed, one passed; the changed Block IP reached but never refused. */
const withCases: ReviewDetail = {
  ...review,
  testsRequired: true,
  policy: {
    ...review.policy,
    testsRequired: true,
    tests: {
      ...review.policy.tests,
      status: 'failed',
      cases: [
        {
          name: 'known bad source',
          passed: true,
          assertions: [{ assertion: 'reaches block', passed: true }],
          warnings: [],
          runId: '0190a000-0000-7000-8000-0000000000d1',
          status: 'succeeded',
          path: ['enrich', 'check', 'block'],
          effects: [],
          durationMs: 12,
        },
        {
          name: 'lookup down',
          passed: false,
          firstFailure: 'status is failed: got succeeded',
          assertions: [{ assertion: 'status is failed', passed: false, detail: 'got succeeded' }],
          warnings: [],
          path: ['enrich'],
          effects: [],
          durationMs: 3,
        },
      ],
      coverage: {
        edges: [],
        covered: 5,
        total: 6,
        percent: 83.3,
        destructive: [
          { stepId: 'block', label: 'Block IP', reachedBy: ['known bad source'], refusedBy: [], heldBackBy: [] },
        ],
        errorPorts: [{ stepId: 'block', label: 'Block IP', cases: [] }],
      },
      startedAt: '2026-11-27T10:00:01.000Z',
      finishedAt: '2026-11-27T10:00:02.000Z',
      requestedAt: '2026-11-27T10:00:00.000Z',
    },
    destructive: [{ stepId: 'block', label: 'Block IP', reached: true, refused: false }],
    missing: ['every test case must pass', 'a case where block is refused on a protected target'],
  },
};

/** The body of the last decision the page posted. */
let decided: unknown;
/** While set, the decision's answer waits for it (the request is pending). */
let hold: Promise<void> | null = null;

const fetchStub = vi.fn(async (url: string, init?: { body?: string }) => {
  if (url === `/api/reviews/${REVIEW}/decisions`) {
    decided = JSON.parse(init?.body ?? '{}');
    if (hold) await hold;
  }
  const body = JSON.stringify(answer(url));
  return { status: 200, ok: true, statusText: 'OK', text: async () => body };
});

function renderAs(user: User) {
  useAuth.setState({ user, status: 'signed-in' });
  render(
    <MemoryRouter initialEntries={[`/reviews/${REVIEW}`]}>
      <Routes>
        <Route path="/reviews/:id" element={<ReviewPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  decided = undefined;
  hold = null;
  current = review;
  threads = [];
  vi.unstubAllGlobals();
  fetchStub.mockClear();
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

  test('when a named reviewer opens it then Approve and Request changes are offered, with no reason asked', async () => {
    renderAs(bob);
    await screen.findByTestId('review-policy');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Request changes' })).toBeTruthy();
    expect(screen.queryByTestId('decision-reason')).toBeNull();
  });

  test('when a reviewer the author did not name opens it then no decision is offered', async () => {
    renderAs(carol);
    await screen.findByTestId('review-policy');
    expect(screen.queryByTestId('review-decision')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  test('when an admin who was not named opens it then Approve waits for a reason, which the decision carries', async () => {
    renderAs(root);
    await screen.findByTestId('review-policy');
    const approve = screen.getByRole('button', { name: 'Approve' });
    expect((approve as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(screen.getByTestId('decision-reason'), { target: { value: 'bob is away' } });
    expect((approve as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(approve);

    await waitFor(() => expect(decided).toMatchObject({ decision: 'approve', reason: 'bob is away' }));
  });

  test('when a destructive step changed then the page shows high risk, why, and the diff against published', async () => {
    renderAs(bob);
    await screen.findByTestId('review-policy');
    expect(screen.getByTestId('risk-banner').textContent).toMatch(/Risk: high.*destructi/);
    expect(screen.getByTestId('diff-change-block').textContent).toMatch(/Block IP/);
    expect(screen.getByText(/compared with/).textContent).toMatch(/published v1/);
  });

  test('when the draft adds a value the published version lacks then its change is read without a before side and listed', async () => {
    renderAs(bob);
    await screen.findByTestId('review-policy');
    fireEvent.click(screen.getByTestId('diff-change-block'));
    const detail = await screen.findByTestId('node-change-detail');
    const added = [...detail.querySelectorAll('li')].find((li) => li.textContent?.includes('input.ticket'));
    expect(added?.textContent).toMatch(/input\.ticket.*→.*INC-1/);
  });

  test('when the version has cases then the page lists each green or red with its first failure, the coverage and the destructive checks', async () => {
    current = withCases;
    renderAs(bob);
    const tests = await screen.findByTestId('review-tests');
    expect(within(tests).getByTestId('review-tests-status').textContent).toContain('Some cases failed.');
    const passed = within(tests).getByTestId('review-case-known bad source');
    expect(within(passed).getByTestId('case-verdict').className).toContain('badge-succeeded');
    const failed = within(tests).getByTestId('review-case-lookup down');
    expect(within(failed).getByTestId('case-verdict').className).toContain('badge-failed');
    expect(within(failed).getByTestId('case-first-failure').textContent).toBe('status is failed: got succeeded');
    expect(within(tests).getByTestId('coverage-figure').textContent).toBe('Coverage 83.3 % of edges (5/6)');
    expect(within(tests).getByTestId('coverage-destructive-block').textContent).toMatch(
      /reached by 1 case, never refused/,
    );
    expect(within(tests).getByTestId('coverage-error-block').textContent).toMatch(/block\.error.*not covered/);
    expect(within(tests).getByTestId('review-destructive').textContent).toMatch(/block.*reached.*never refused/);
    expect(within(tests).getByTestId('open-tests-panel').getAttribute('href')).toBe(
      `/workflows/${WF}/versions/2?panel=tests`,
    );
    expect(screen.getByTestId('review-policy').textContent).toContain('Every test case must pass');
    expect(screen.getByTestId('review-policy').textContent).toContain(
      'a case where block is refused on a protected target',
    );
  });

  test('when bob presses Approve then both buttons are disabled while it is sent, and Approve stays disabled once it counts', async () => {
    let release = () => undefined as void;
    hold = new Promise<void>((r) => (release = r));
    renderAs(bob);
    await screen.findByTestId('review-policy');
    const approve = screen.getByTestId('approve-review') as HTMLButtonElement;

    fireEvent.click(approve);

    await waitFor(() => expect(approve.textContent).toBe('Approving…'));
    expect(approve.disabled).toBe(true);
    expect((screen.getByTestId('request-changes') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(approve);
    current = {
      ...review,
      decisions: [
        {
          id: '0190a000-0000-7000-8000-0000000000d9',
          reviewerId: bob.id,
          reviewer: { username: 'bob', displayName: 'Bob' },
          decision: 'approve',
          comment: null,
          nodeId: null,
          contentHash: version.contentHash,
          createdAt: '2026-11-27T10:05:00.000Z',
        },
      ],
    };
    release();

    await screen.findByTestId('my-approval');
    expect((screen.getByTestId('approve-review') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('approve-review').textContent).toBe('Approved');
    const posts = fetchStub.mock.calls.filter(([url]) => url === `/api/reviews/${REVIEW}/decisions`);
    expect(posts).toHaveLength(1);
  });

  test('when bob opens a review he already approved on this content then Approve is disabled', async () => {
    current = {
      ...review,
      decisions: [
        {
          id: '0190a000-0000-7000-8000-0000000000d8',
          reviewerId: bob.id,
          reviewer: { username: 'bob', displayName: 'Bob' },
          decision: 'approve',
          comment: null,
          nodeId: null,
          contentHash: version.contentHash,
          createdAt: '2026-11-27T10:05:00.000Z',
        },
      ],
    };
    renderAs(bob);
    await screen.findByTestId('review-policy');
    expect((screen.getByTestId('approve-review') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('my-approval').textContent).toContain('You approved this content');
  });
});

describe('comment markers on the review canvas', () => {
  test('when nodes have comment threads then each shows its count as a marker; all resolved is muted and says so', async () => {
    threads = [thread('block'), thread('block'), thread('block'), thread('enrich', true), thread(null)];
    renderAs(bob);

    const block = await within(await screen.findByTestId('node-block')).findByRole('button', { name: '3 comments' });
    expect(block.textContent).toBe('3');
    expect(block.className).not.toContain('node-marker-muted');
    const enrich = within(screen.getByTestId('node-enrich')).getByRole('button', { name: '1 comment, resolved' });
    expect(enrich.className).toContain('node-marker-muted');
    // A node nobody commented on, and the version-wide thread, put no marker anywhere.
    expect(within(screen.getByTestId('node-check')).queryByRole('button')).toBeNull();
    expect(within(screen.getByTestId('node-start')).queryByRole('button')).toBeNull();
  });

  test('when a marker is pressed then its node is selected and its threads open, scrolled to and focused; resolved ones marked', async () => {
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    threads = [thread('block'), thread('block', true)];
    renderAs(bob);
    expect(screen.queryByTestId('threads-block')).toBeNull();

    fireEvent.click(await screen.findByRole('button', { name: '2 comments, 1 resolved' }));

    const opened = await screen.findByTestId('threads-block');
    await waitFor(() => expect(document.activeElement).toBe(opened));
    expect(scrolled).toHaveBeenCalled();
    expect(within(opened).getAllByTestId('thread-open')).toHaveLength(1);
    const resolved = within(opened).getByTestId('thread-resolved');
    expect(resolved.textContent).toContain('Resolved');
    expect(resolved.textContent).toContain('(settled)');
  });
});
