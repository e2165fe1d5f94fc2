// @vitest-environment jsdom
import type { UserSummary } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { FakeReply } from '../runs/fakeServer';
import { alice, settingsServer, WF, workflow } from './testing';
import { WorkflowSettingsPage } from './WorkflowSettingsPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

function open(who: { id: string; role: UserSummary['role'] }) {
  useAuth.setState({ user: { ...alice, ...who } as UserSummary, status: 'signed-in' });
  render(
    <MemoryRouter initialEntries={[`/workflows/${WF}/settings`]}>
      <Routes>
        <Route path="/workflows/:id/settings" element={<WorkflowSettingsPage />} />
        <Route path="/runs/:id" element={<p>run page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}
const owner = { id: alice.id, role: 'analyst' as const };

describe('WorkflowSettingsPage', () => {
  test('when a manager opens it then every section reads, no control changes a setting, and it says who may', async () => {
    settingsServer({ webhook: { url: 'http://localhost/api/hooks/x', configured: true } });
    open({ id: '0190a1b2-0000-7000-8000-0000000000b7', role: 'manager' });

    expect(await screen.findByTestId('read-only-note')).toHaveProperty(
      'textContent',
      'Read-only for you: the owner (alice) or an admin changes the limits and the webhook.',
    );
    expect(await screen.findByTestId('kill-switch-state')).toBeTruthy();
    expect(await screen.findByText('A secret is set (it is never shown again).')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /kill switch/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save limits' })).toBeNull();
    expect(screen.queryByRole('button', { name: /secret/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send a test event' })).toBeNull();
    // Managers set SLOs.
    expect(await screen.findByRole('button', { name: 'Edit SLO' })).toBeTruthy();
    expect(screen.getByTestId('slo-state').textContent).toContain('Not enough data yet');
  });

  test('when a reviewer opens it then the kill switch is theirs to use and the limits, webhook and SLO are not', async () => {
    settingsServer({ webhook: { url: 'http://localhost/api/hooks/x', configured: true } });
    open({ id: '0190a1b2-0000-7000-8000-0000000000b8', role: 'reviewer' });

    expect(await screen.findByRole('button', { name: 'Turn the kill switch on' })).toBeTruthy();
    expect(screen.getByTestId('read-only-note').textContent).toContain('you may use the kill switch');
    expect(await screen.findByText('Only the workflow’s owner or an admin manages the webhook secret.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save limits' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Rotate secret' })).toBeNull();
    expect(await screen.findByText('Managers and admins set the SLO.')).toBeTruthy();
  });

  test('when the owner turns the kill switch on then a reason is required, a confirmation asked, and who and when shown', async () => {
    const { requests, world } = settingsServer({
      write: (req) => {
        world.killSwitch = {
          on: true,
          lastChange: { on: true, by: 'alice', at: '2026-12-01T10:00:00.000Z', reason: 'wrong hosts' },
        };
        return { ...workflow, killSwitch: true, url: req.url };
      },
    });
    open(owner);
    expect((await screen.findByTestId('kill-switch-last')).textContent).toBe('Never turned on.');
    await userEvent.click(screen.getByRole('button', { name: 'Turn the kill switch on' }));
    expect(screen.getByText('Say why: a reason is required to turn the kill switch on or off.')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);

    await userEvent.type(screen.getByLabelText('Reason (required)'), 'wrong hosts');
    await userEvent.click(screen.getByRole('button', { name: 'Turn the kill switch on' }));
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    const dialog = screen.getByRole('alertdialog', { name: 'Confirm the kill switch' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Yes, turn it on' }));

    expect(await screen.findByText('The kill switch is on: no new run starts.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ killSwitch: true, reason: 'wrong hosts' });
    expect((await screen.findByText(/^Last turned on by alice/)).textContent).toContain('“wrong hosts”');
  });

  test('when the owner enters a negative baseline then the message is at that field in words and nothing is sent', async () => {
    const { requests } = settingsServer();
    open(owner);
    await userEvent.type(await screen.findByLabelText(/time-saved baseline/), '-5');
    await userEvent.click(screen.getByRole('button', { name: 'Save limits' }));

    const field = screen.getByLabelText(/time-saved baseline/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('field-error-manualBaselineMinutes').textContent).toBe(
      'It cannot be negative: enter 0 or more, or leave it empty for not set.',
    );
    expect(field.getAttribute('aria-describedby')).toBe('limit-manualBaselineMinutes-error');
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  test("when the server refuses a limit then its words are at that field, without the request's field path", async () => {
    settingsServer({
      write: () => {
        throw new FakeReply(400, {
          error: {
            code: 'validation_failed',
            message: 'Destructive actions per hour: at most 1000000',
            details: [{ path: 'body.maxDestructivePerHour', message: 'at most 1000000' }],
          },
        });
      },
    });
    open(owner);
    await userEvent.type(await screen.findByLabelText('Destructive actions per hour'), '999');
    await userEvent.click(screen.getByRole('button', { name: 'Save limits' }));

    expect((await screen.findByTestId('field-error-maxDestructivePerHour')).textContent).toBe('at most 1000000');
    expect(document.body.textContent).not.toContain('body.');
    expect(document.body.textContent).not.toContain('validation_failed');
  });
});
