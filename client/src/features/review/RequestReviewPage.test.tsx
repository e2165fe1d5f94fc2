// @vitest-environment jsdom
import { diffWorkflows, type WorkflowDocument } from '@autonomic/workflow';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { VersionDetail, WorkflowDetail } from '@autonomic/api';
import { useAuth, type User } from '../../auth/store';
import { copyOfBase, parsedDocument } from '../versions/testing';
import { RequestReviewPage } from './RequestReviewPage';

const WF = '0190a000-0000-7000-8000-0000000000f1';
const person = (n: number, username: string, role: User['role']): User => ({
  id: `0190a000-0000-7000-8000-00000000000${n}`,
  username,
  displayName: username[0]?.toUpperCase() + username.slice(1),
  role,
});
const alice = person(1, 'alice', 'analyst');
const root = person(2, 'root', 'admin');
const bob = person(3, 'bob', 'reviewer');
const carol = person(4, 'carol', 'reviewer');

const draft = parsedDocument(copyOfBase());
const nothing: WorkflowDocument = { ...draft, trigger: { ...draft.trigger, transitions: {} }, steps: {} };
const relabelled = parsedDocument({ ...copyOfBase(), metadata: { ...copyOfBase().metadata, name: 'Old name' } });

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

const version: VersionDetail = {
  id: '0190a000-0000-7000-8000-0000000000c1',
  workflowId: WF,
  number: 1,
  contentHash: 'a'.repeat(64),
  status: 'draft',
  changeNote: '',
  createdAt: '2026-11-27T10:00:00.000Z',
  author: { id: alice.id, username: 'alice', displayName: 'Alice' },
  document: draft,
  problems: [],
  reviews: [],
};

/** The change the server's diff answers with: a first version adding a block, or a rename. */
let base: WorkflowDocument = nothing;
let sent: unknown;

function serve() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: { body?: string }) => {
      const reply = (() => {
        if (url === `/api/workflows/${WF}`) return workflow;
        if (url === `/api/workflows/${WF}/versions/1`) return version;
        if (url === '/api/users/directory') return { users: [alice, root, bob, carol] };
        if (url.startsWith(`/api/workflows/${WF}/diff?`)) {
          return {
            from: { number: null, contentHash: null },
            to: { number: 1, contentHash: 'a'.repeat(64) },
            diff: diffWorkflows(base, draft),
          };
        }
        if (url === `/api/workflows/${WF}/versions/1/review`) {
          sent = JSON.parse(init?.body ?? 'null');
          throw new Error('not answered in this test');
        }
        throw new Error(`unexpected call ${url}`);
      })();
      const body = JSON.stringify(reply);
      return { status: 200, ok: true, statusText: 'OK', text: async () => body };
    }),
  );
}

function renderPage() {
  useAuth.setState({ user: alice, status: 'signed-in' });
  serve();
  render(
    <MemoryRouter initialEntries={[`/workflows/${WF}/versions/1/review`]}>
      <Routes>
        <Route path="/workflows/:id/versions/:number/review" element={<RequestReviewPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

const box = (u: User) => screen.getByTestId(`reviewer-${u.username}`) as HTMLInputElement;
const submit = () => screen.getByTestId('submit-review-request') as HTMLButtonElement;

afterEach(() => {
  cleanup();
  base = nothing;
  sent = undefined;
  vi.unstubAllGlobals();
});

describe('RequestReviewPage', () => {
  test('when the change is high risk then the page says it needs two reviewers up front and ticks two reviewers, not the admin', async () => {
    renderPage();

    const risk = await screen.findByTestId('request-risk');
    expect(risk.textContent).toMatch(/high risk: it needs 2 reviewers/);
    expect(risk.textContent).toMatch(/Risk: high/);
    expect([box(bob).checked, box(carol).checked, box(root).checked]).toEqual([true, true, false]);
    expect(submit().disabled).toBe(false);

    fireEvent.click(box(carol));
    expect(submit().disabled).toBe(true);
    expect(screen.getByText('Pick 2 reviewers.')).toBeTruthy();
    fireEvent.click(box(root));
    fireEvent.click(submit());

    await waitFor(() => expect(sent).toEqual({ reviewerIds: [bob.id, root.id] }));
  });

  test('when the change is normal risk then one reviewer is enough and none is ticked for the author', async () => {
    base = relabelled;
    renderPage();

    const risk = await screen.findByTestId('request-risk');
    expect(risk.textContent).toMatch(/normal risk: one reviewer’s approval is enough/);
    expect([box(bob).checked, box(carol).checked, box(root).checked]).toEqual([false, false, false]);
    expect(submit().disabled).toBe(true);
    fireEvent.click(box(carol));
    expect(submit().disabled).toBe(false);
  });

  test('when the version has problems then each names its step and field in words, not a dotted path', async () => {
    version.problems = [
      { nodeId: 'block', path: 'params.url', message: 'a URL is required' },
      { nodeId: 'workflow', path: '', message: 'the workflow has no trigger' },
    ];
    try {
      renderPage();

      const alert = await screen.findByText(/This version has 2 problem/);
      const items = alert.closest('div')?.querySelectorAll('li') ?? [];
      expect([...items].map((li) => li.textContent)).toEqual([
        'Step block › URL: a URL is required',
        'The workflow: the workflow has no trigger',
      ]);
    } finally {
      version.problems = [];
    }
  });
});
