// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsChange, WorkflowDetail } from '@autonomic/api';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeServer, type FakeRequest } from '../runs/fakeServer';
import { SafetySettingsPanel } from './SafetySettingsPanel';
import { WF, alice, workflow as settledWorkflow } from './testing';

const workflow = (autoRollback: boolean): WorkflowDetail => ({ ...settledWorkflow, autoRollback });
const offWaiting: SettingsChange = {
  id: '0190a1b2-0000-7000-8000-0000000000d2',
  workflowId: WF,
  status: 'pending',
  changes: { autoRollback: false },
  before: { autoRollback: true },
  reason: 'upstream outage',
  requestedBy: { id: alice.id, username: 'alice' },
  requestedAt: '2026-11-27T10:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  comment: null,
  youMayDecide: false,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A server where turning auto-rollback off waits for review and turning it on applies. */
function server(start: boolean) {
  let on = start;
  let changes: SettingsChange[] = [];
  const { requests } = fakeServer((req: FakeRequest) => {
    if (req.url === `/workflows/${WF}` && req.method === 'GET') return workflow(on);
    if (req.url === `/workflows/${WF}/settings`) {
      const wanted = (req.body as { autoRollback?: boolean }).autoRollback;
      if (wanted === false) changes = [offWaiting];
      else if (wanted === true) on = true;
      return workflow(on);
    }
    if (req.url === `/workflows/${WF}/settings-changes`) return { changes };
    throw new Error(`unexpected ${req.method} ${req.url}`);
  });
  return requests;
}

describe('the auto-rollback switch in the safety settings', () => {
  test('when the owner turns auto-rollback off then it says the change waits for review and it stays on', async () => {
    const requests = server(true);
    render(<SafetySettingsPanel workflowId={WF} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Turn auto-rollback off' }));

    expect((await screen.findByTestId('settings-message')).textContent).toBe(
      'This loosens safety: it waits for a reviewer or admin to approve it.',
    );
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ autoRollback: false });
    expect((await screen.findByTestId(`settings-change-${offWaiting.id}`)).textContent).toContain('auto-rollback off');
    expect(screen.getByTestId('safety-settings').textContent).toContain('auto-rollback: on');
  });

  test('when the owner turns auto-rollback on then it applies', async () => {
    server(false);
    render(<SafetySettingsPanel workflowId={WF} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Turn auto-rollback on' }));

    expect((await screen.findByTestId('settings-message')).textContent).toBe('Applied.');
    expect(await screen.findByRole('button', { name: 'Turn auto-rollback off' })).toBeTruthy();
    expect(screen.getByTestId('safety-settings').textContent).toContain('auto-rollback: on');
  });
});
