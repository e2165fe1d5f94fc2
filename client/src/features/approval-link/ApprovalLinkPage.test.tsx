// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { ApprovalLinkView, LinkDecisionResult } from '@autonomic/api';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { ApprovalLinkPage } from './ApprovalLinkPage';

const token = `0190a1b2-0000-7000-8000-0000000000c1.${'a'.repeat(43)}`;
const view: ApprovalLinkView = {
  taskId: '0190a1b2-0000-7000-8000-0000000000a1',
  stepId: 'approve_block',
  message: 'Block 192.0.2.45 for 24h?',
  decision: 'approved',
  username: 'alice',
  taskStatus: 'pending',
  expiresAt: '2026-11-27T11:00:00Z',
  signInRequired: true,
};

let requests: FakeRequest[];

function renderPage() {
  render(
    <MemoryRouter initialEntries={[`/approval-link/${token}`]}>
      <Routes>
        <Route path="/approval-link/:token" element={<ApprovalLinkPage />} />
        <Route path="/login" element={<p>login page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ApprovalLinkPage', () => {
  beforeEach(() => {
    useAuth.setState({ status: 'signed-in' });
    ({ requests } = fakeServer(({ method }) => {
      if (method === 'GET') return view;
      const done: LinkDecisionResult = { decision: 'approved', taskStatus: 'approved', run: { status: 'succeeded' } };
      return done;
    }));
  });

  test('when the link is opened then it shows what it decides and posts nothing until confirmed', async () => {
    renderPage();
    expect((await screen.findByTestId('link-message')).textContent).toBe(view.message);
    expect(screen.getByRole('heading').textContent).toMatch(/Approve: step approve_block/);
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);

    await userEvent.type(screen.getByRole('textbox'), 'owner agreed');
    await userEvent.click(screen.getByTestId('link-confirm'));
    expect(requests.filter((r) => r.method === 'POST').map(({ url, body }) => ({ url, body }))).toEqual([
      { url: `/approval-links/${token}`, body: { comment: 'owner agreed' } },
    ]);
    expect((await screen.findByTestId('link-done')).textContent).toMatch(/approved.*the run is now succeeded/);
  });

  test('when the link was used already then the server’s refusal is shown and there is nothing to confirm', async () => {
    fakeServer(() => {
      throw new FakeReply(409, {
        error: { code: 'link_used', message: 'this link was already used: each link decides once', details: [] },
      });
    });
    renderPage();
    expect((await screen.findByTestId('link-error')).textContent).toMatch(/already used/);
    expect(screen.queryByTestId('link-confirm')).toBeNull();
  });

  test('when the server asks for a sign-in then the page offers it', async () => {
    fakeServer(() => {
      throw new FakeReply(401, { error: { code: 'unauthenticated', message: 'sign in first', details: [] } });
    });
    renderPage();
    expect((await screen.findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe('/login');
  });
});
