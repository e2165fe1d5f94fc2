// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SloStatus } from '@autonomic/api';
import { ApiError } from '../../api/client';
import { SloEditor } from './SloEditor';

const setSlo = vi.fn<(id: string, body: unknown) => Promise<unknown>>();
vi.mock('./api', () => ({
  setSlo: (id: string, body: unknown) => setSlo(id, body),
  resetSlo: () => Promise.resolve(),
}));

const slo = {
  workflowId: 'w1',
  name: 'Contain',
  configured: false,
  objectivePercent: 99,
  latencySeconds: 300,
  windowDays: 30,
} as SloStatus;

afterEach(cleanup);

describe('the SLO editor', () => {
  test('when the server refuses a field then its message is at that field, with no path or code shown', async () => {
    setSlo.mockRejectedValueOnce(
      new ApiError(400, 'validation_failed', 'the request is not valid', [
        { path: 'body.windowDays', message: 'Window days must be 90 or less' },
      ]),
    );
    render(<SloEditor slo={slo} onSaved={() => {}} onClose={() => {}} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save' }));

    const message = await screen.findByText('Window days must be 90 or less');
    const input = screen.getByLabelText('Window (days)');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(message.id);
    expect(screen.getByLabelText('Objective (%)').getAttribute('aria-invalid')).toBeNull();
    expect(document.body.textContent).not.toMatch(/body\.|validation_failed/);
  });

  test('when the numbers are changed and saved then the latency goes in seconds and the editor reports it saved', async () => {
    setSlo.mockResolvedValueOnce({});
    const onSaved = vi.fn();
    render(<SloEditor slo={slo} onSaved={onSaved} onClose={() => {}} />);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Within (minutes)'));
    await user.type(screen.getByLabelText('Within (minutes)'), '2.5');
    await user.clear(screen.getByLabelText('Window (days)'));
    await user.type(screen.getByLabelText('Window (days)'), '7');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(setSlo).toHaveBeenLastCalledWith('w1', { objectivePercent: 99, latencySeconds: 150, windowDays: 7 });
  });

  test('when the refusal names no field then its message is the alert', async () => {
    setSlo.mockRejectedValueOnce(new ApiError(403, 'forbidden', 'only managers can set an SLO', []));
    render(<SloEditor slo={slo} onSaved={() => {}} onClose={() => {}} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe('only managers can set an SLO');
  });
});
