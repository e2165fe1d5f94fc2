// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { api, ApiError } from '../../api/client';
import type { ApprovalTask } from './api';
import { ApprovalsPage } from './ApprovalsPage';

vi.mock(import('../../api/client'), async (original) => ({ ...(await original()), api: vi.fn() }));

const task: ApprovalTask = {
  id: 'row-1',
  taskId: 'run-1:approve_block',
  runId: 'run-1',
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

function renderPage() {
  render(
    <MemoryRouter>
      <ApprovalsPage />
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.mocked(api).mockReset();
});

describe('ApprovalsPage', () => {
  beforeEach(() => {
    vi.mocked(api).mockImplementation(async (path: string, init?: { method?: string }) => {
      if (path === '/approvals?status=pending') return { tasks: [task] };
      if (init?.method === 'POST') return { task: { ...task, status: 'approved' }, run: { status: 'running' } };
      throw new Error(`unexpected call ${path}`);
    });
  });

  test('when the approver approves with a comment then the decision is posted for that task', async () => {
    renderPage();
    await userEvent.type(await screen.findByTestId('approval-comment'), 'called the owner');
    await userEvent.click(screen.getByTestId('approve-task'));
    expect(api).toHaveBeenCalledWith('/approvals/run-1%3Aapprove_block/decision', {
      method: 'POST',
      body: { decision: 'approved', comment: 'called the owner' },
    });
    expect((await screen.findByTestId('decision-done')).textContent).toMatch(/approved.*the run is now running/);
    expect(screen.queryByTestId('approval-row-1')).toBeNull();
  });

  test('when the task is at a break-glass level then the card says so', async () => {
    renderPage();
    const card = await screen.findByTestId('approval-row-1');
    expect(card.textContent).toMatch(/break-glass level/);
    expect(card.textContent).toMatch(/You decide as break glass/);
  });

  test('when the server refuses (not yet escalated) then its message stays on the card', async () => {
    vi.mocked(api).mockImplementation(async (path: string, init?: { method?: string }) => {
      if (path === '/approvals?status=pending') return { tasks: [task] };
      if (init?.method === 'POST') {
        throw new ApiError(403, 'not_yet_escalated', 'you may decide only once the task has escalated to your level');
      }
      throw new Error(`unexpected call ${path}`);
    });
    renderPage();
    await userEvent.click(await screen.findByTestId('reject-task'));
    const alert = await screen.findByTestId('api-error');
    expect(alert.textContent).toMatch(/escalated to your level/);
    expect(alert.textContent).toMatch(/not_yet_escalated/);
    expect(api).toHaveBeenCalledWith('/approvals/run-1%3Aapprove_block/decision', {
      method: 'POST',
      body: { decision: 'rejected' },
    });
  });
});
