// @vitest-environment jsdom
import { RunDetail } from '@autonomic/api';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeServer, FakeReply } from './fakeServer';
import { RerunLinks } from './RerunLinks';
import { RunActions } from './RunActions';
import { StepTable } from './StepTable';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const RUN = '0190a000-0000-7000-8000-0000000000d1';
const NEW_RUN = '0190a000-0000-7000-8000-0000000000d2';

function run(over: Partial<Record<keyof RunDetail, unknown>>): RunDetail {
  return RunDetail.parse({
    id: RUN,
    workflow: { id: '0190a000-0000-7000-8000-0000000000f1', slug: 'containment', name: 'Containment' },
    version: { id: '0190a000-0000-7000-8000-0000000000c1', number: 2 },
    mode: 'live',
    status: 'failed',
    trigger: 'manual',
    error: { kind: 'http_5xx', message: 'HTTP 500', retryable: true, stepId: 'block', stepKey: 'block' },
    parentRunId: null,
    createdById: null,
    eventTimestamp: null,
    createdAt: '2026-12-06T10:00:00.000Z',
    startedAt: '2026-12-06T10:00:00.000Z',
    finishedAt: '2026-12-06T10:00:04.000Z',
    event: {},
    output: null,
    message: null,
    wakeAt: null,
    dedupeKey: null,
    steps: [],
    approvals: [],
    children: [],
    ...over,
  });
}

function renderActions(r: RunDetail, onCancelled = () => undefined) {
  render(
    <MemoryRouter initialEntries={[`/runs/${r.id}`]}>
      <Routes>
        <Route path={`/runs/${RUN}`} element={<RunActions run={r} onCancelled={onCancelled} />} />
        <Route path={`/runs/${NEW_RUN}`} element={<p>new run page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('RunActions', () => {
  test('when the server says the reader may do nothing then no action is shown (the owner-only cancel is not offered to others)', () => {
    fakeServer(() => {
      throw new Error('no request expected');
    });
    renderActions(run({ status: 'waiting', error: null, youMay: { cancel: false, rerun: false } }));
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('when cancelling then it asks first, and only the confirmation sends the cancel', async () => {
    const cancelled = vi.fn();
    const { requests } = fakeServer(() => ({ id: RUN, status: 'cancelled' }));
    renderActions(run({ status: 'waiting', error: null, youMay: { cancel: true, rerun: false } }), cancelled);
    const user = userEvent.setup();
    expect(screen.queryByTestId('rerun-failed-step')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Cancel run' }));
    expect(requests).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Keep it running' }));
    expect(requests).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Cancel run' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel the run' }));

    await vi.waitFor(() => expect(cancelled).toHaveBeenCalled());
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `/runs/${RUN}/cancel`,
        body: { reason: 'cancelled from the run page' },
      }),
    ]);
  });

  test('when re-running from the failed step then it names the step, asks the server for failed_step and opens the new run', async () => {
    const { requests } = fakeServer(() => ({ runId: NEW_RUN }));
    renderActions(run({ youMay: { cancel: false, rerun: true } }));
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Re-run from the failed step (block)' }));

    expect(await screen.findByText('new run page')).toBeTruthy();
    expect(requests).toEqual([
      expect.objectContaining({ method: 'POST', url: `/runs/${RUN}/rerun`, body: { from: 'failed_step' } }),
    ]);
  });

  test('when the server refuses a re-run then its message is shown and the page stays', async () => {
    fakeServer(() => {
      throw new FakeReply(423, {
        error: { code: 'kill_switch', message: "the workflow's kill switch is on: no new run starts" },
      });
    });
    renderActions(run({ youMay: { cancel: false, rerun: true } }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Re-run from the start' }));
    expect((await screen.findByRole('alert')).textContent).toContain('kill switch is on');
  });
});

describe('RerunLinks', () => {
  test('when a run is a re-run from a step then it links the run it repeats, and a re-run run lists its re-runs', () => {
    render(
      <MemoryRouter>
        <RerunLinks
          run={run({
            rerunOf: { id: NEW_RUN, fromStep: 'block' },
            reruns: [{ id: NEW_RUN, status: 'succeeded', fromStep: null, createdAt: '2026-12-06T10:05:00.000Z' }],
          })}
        />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('rerun-of').textContent).toContain('from step block');
    expect(screen.getByTestId('rerun-of').querySelector('a')?.getAttribute('href')).toBe(`/runs/${NEW_RUN}`);
    expect(screen.getByTestId('reruns').textContent).toContain('from the start');
  });
});

describe('StepTable', () => {
  test('when a step was reused by a re-run then its row says so, and a performed step does not', () => {
    const step = (stepKey: string, events: unknown[]) => ({
      id: stepKey === 'intel' ? NEW_RUN : RUN,
      stepKey,
      stepId: stepKey,
      nodeType: 'http',
      attempt: 1,
      status: 'succeeded',
      effect: 'read',
      input: null,
      output: {},
      error: null,
      port: 'out',
      details: { events },
      startedAt: '2026-12-06T10:00:00.000Z',
      finishedAt: '2026-12-06T10:00:01.000Z',
    });
    const r = run({ steps: [step('intel', [{ at: 1, type: 'reused', detail: RUN }]), step('asset', [])] });
    render(<StepTable steps={r.steps} selected={null} onSelect={() => undefined} />);
    const rows = screen.getAllByRole('row');
    expect(rows[1]?.textContent).toContain('reused');
    expect(rows[2]?.textContent).not.toContain('reused');
  });
});
