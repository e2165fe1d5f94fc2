// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import type { ApprovalTask, DecisionResult } from '@autonomic/api';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { ApprovalsPage } from './ApprovalsPage';

const runId = '0190a1b2-0000-7000-8000-0000000000b1';
const task: ApprovalTask = {
  id: '0190a1b2-0000-7000-8000-0000000000a1',
  taskId: `${runId}:approve_block`,
  runId,
  stepKey: 'approve_block',
  stepId: 'approve_block',
  message: 'Block 192.0.2.45 for 24h?',
  status: 'pending',
  quorum: 1,
  escalationLevel: 1,
  levels: [
    { level: 0, users: [], roles: ['reviewer'], breakGlass: false, label: null, at: null, reached: true },
    {
      level: 1,
      users: ['oncall'],
      roles: [],
      breakGlass: true,
      label: 'On-call lead',
      at: '2026-11-27T10:15:00Z',
      reached: true,
    },
  ],
  onTimeout: 'timeout',
  deadline: '2026-11-27T11:00:00Z',
  nextDeadlineAt: null,
  decisions: [],
  createdAt: '2026-11-27T10:00:00Z',
  decidedAt: null,
  you: { canDecide: true, level: 1, breakGlass: true },
};
const decisionUrl = `/approvals/${encodeURIComponent(task.taskId)}/decision`;

let requests: FakeRequest[];
const posts = () => requests.filter((r) => r.method === 'POST').map(({ url, body }) => ({ url, body }));

function renderPage() {
  render(
    <MemoryRouter>
      <ApprovalsPage />
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ApprovalsPage', () => {
  beforeEach(() => {
    ({ requests } = fakeServer(({ method, url }) => {
      if (url === '/approvals?status=pending') return { tasks: [task] };
      if (method === 'POST') {
        const done: DecisionResult = { task: { ...task, status: 'approved' }, run: { status: 'running' } };
        return done;
      }
      throw new Error(`unexpected call ${url}`);
    }));
  });

  test('when the approver approves with a comment then the decision is posted for that task', async () => {
    renderPage();
    await userEvent.type(await screen.findByTestId('approval-comment'), 'called the owner');
    await userEvent.click(screen.getByTestId('approve-task'));
    expect(posts()).toEqual([{ url: decisionUrl, body: { decision: 'approved', comment: 'called the owner' } }]);
    expect((await screen.findByTestId('decision-done')).textContent).toMatch(/approved.*the run is now running/);
    expect(screen.queryByTestId(`approval-${task.id}`)).toBeNull();
  });

  test('when the task is at a break-glass level then the card says so', async () => {
    renderPage();
    const card = await screen.findByTestId(`approval-${task.id}`);
    expect(card.textContent).toMatch(/break-glass level/);
    expect(card.textContent).toMatch(/You decide as break glass/);
  });

  test('when the server refuses (not yet escalated) then its message stays on the card', async () => {
    ({ requests } = fakeServer(({ method, url }) => {
      if (url === '/approvals?status=pending') return { tasks: [task] };
      if (method === 'POST') {
        const message = 'you may decide only once the task has escalated to your level';
        throw new FakeReply(403, { error: { code: 'not_yet_escalated', message, details: [] } });
      }
      throw new Error(`unexpected call ${url}`);
    }));
    renderPage();
    await userEvent.click(await screen.findByTestId('reject-task'));
    const alert = await screen.findByTestId('api-error');
    expect(alert.textContent).toMatch(/escalated to your level/);
    expect(alert.textContent).not.toMatch(/not_yet_escalated/);
    expect(posts()).toEqual([{ url: decisionUrl, body: { decision: 'rejected' } }]);
  });
});
