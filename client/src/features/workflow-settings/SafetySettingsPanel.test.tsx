// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsChange, WorkflowDetail } from '@autonomic/api';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeServer, type FakeRequest } from '../runs/fakeServer';
import { SafetySettingsPanel } from './SafetySettingsPanel';
import { WF, alice, workflow as settledWorkflow } from './testing';

const workflow: WorkflowDetail = { ...settledWorkflow, maxDestructivePerHour: 1 };
const change = (over: Partial<SettingsChange> = {}): SettingsChange => ({
  id: '0190a1b2-0000-7000-8000-0000000000d1',
  workflowId: WF,
  status: 'pending',
  changes: { maxDestructivePerHour: 5 },
  before: { maxDestructivePerHour: 1 },
  reason: 'campaign week',
  requestedBy: { id: alice.id, username: 'alice' },
  requestedAt: '2026-11-27T10:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  comment: null,
  youMayDecide: false,
  ...over,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A server whose hourly limit stays 1 while a raise waits; `approve` puts it in force. */
function server(opts: { mayDecide: boolean; pendingAtStart: boolean }) {
  let limit: number | null = 1;
  let changes: SettingsChange[] = opts.pendingAtStart ? [change({ youMayDecide: opts.mayDecide })] : [];
  const { requests } = fakeServer((req: FakeRequest) => {
    if (req.url === `/workflows/${WF}` && req.method === 'GET') return { ...workflow, maxDestructivePerHour: limit };
    if (req.url === `/workflows/${WF}/settings`) {
      changes = [change({ youMayDecide: opts.mayDecide })];
      return { ...workflow, maxDestructivePerHour: limit };
    }
    if (req.url === `/workflows/${WF}/settings-changes`) return { changes };
    if (req.url.endsWith('/decision')) {
      limit = 5;
      changes = [change({ status: 'approved', youMayDecide: false })];
      return changes[0];
    }
    throw new Error(`unexpected ${req.method} ${req.url}`);
  });
  return requests;
}

describe('SafetySettingsPanel', () => {
  test('when the owner raises the hourly limit then it says the change waits for review, the old limit stays shown and the pending change is listed', async () => {
    const requests = server({ mayDecide: false, pendingAtStart: false });
    render(<SafetySettingsPanel workflowId={WF} />);
    const perHour = await screen.findByLabelText('Destructive actions per hour');
    await userEvent.clear(perHour);
    await userEvent.type(perHour, '5');
    await userEvent.type(screen.getByLabelText(/^Reason/), 'campaign week');
    await userEvent.click(screen.getByRole('button', { name: 'Save limits' }));

    expect((await screen.findByTestId('settings-message')).textContent).toBe(
      'This loosens safety: it waits for a reviewer or admin to approve it.',
    );
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      maxDestructivePerRun: null,
      maxDestructivePerHour: 5,
      manualBaselineMinutes: null,
      reason: 'campaign week',
    });
    const item = await screen.findByTestId(`settings-change-${change().id}`);
    expect(item.textContent).toContain('per hour 1 → 5');
    expect(item.textContent).toContain('a reviewer or admin other than alice decides');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.getByTestId('safety-settings').textContent).toContain('per hour: 1');
  });

  test('when a reviewer approves the pending change then it is posted and the new limit shows in force', async () => {
    const requests = server({ mayDecide: true, pendingAtStart: true });
    render(<SafetySettingsPanel workflowId={WF} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Approve' }));

    expect((await screen.findByTestId('settings-message')).textContent).toBe('Approved: in force now.');
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      url: `/workflows/${WF}/settings-changes/${change().id}/decision`,
      body: { decision: 'approved' },
    });
    await waitFor(() => expect(screen.getByTestId('safety-settings').textContent).toContain('per hour: 5'));
    expect(screen.queryByRole('list', { name: 'Pending settings changes' })).toBeNull();
  });
});
