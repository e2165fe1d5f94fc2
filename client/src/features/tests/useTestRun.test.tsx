// @vitest-environment jsdom
import { TestRunView } from '@autonomic/api';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { POLL_MS, useTestRun } from './useTestRun';

const WF = '0190a000-0000-7000-8000-0000000000f1';
const HASH = 'c'.repeat(64);
const run = (status: TestRunView['status']): TestRunView =>
  TestRunView.parse({
    workflowId: WF,
    number: 4,
    contentHash: HASH,
    status,
    cases: [],
    coverage: null,
    startedAt: null,
    finishedAt: null,
    requestedAt: status === 'not_run' ? null : '2026-12-06T07:00:00.000Z',
  });

let answers: TestRunView[] = [];
let reads = 0;
beforeEach(() => {
  reads = 0;
  vi.useFakeTimers();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: { method?: string }) => {
      if (url !== `/api/workflows/${WF}/versions/4/tests`) throw new Error(`unexpected call ${url}`);
      const answer = init?.method === 'POST' ? run('queued') : answers[Math.min(reads++, answers.length - 1)];
      const body = JSON.stringify(answer);
      return { status: 200, ok: true, statusText: 'OK', text: async () => body };
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const version = { workflowId: WF, number: 4, contentHash: HASH };

describe('useTestRun', () => {
  test('when the cases are queued then results are read every 1.5 s until they settle, and settling is reported once', async () => {
    answers = [run('queued'), run('running'), run('passed')];
    const settled = vi.fn();
    const { result } = renderHook(() => useTestRun(version, { enabled: true, onSettled: settled }));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result.current.run?.status).toBe('queued');
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    expect(result.current.run?.status).toBe('running');
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    expect(result.current.run?.status).toBe('passed');
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 5));
    expect(reads).toBe(3);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  test('when the version has never run (no case) then it is read once, not polled', async () => {
    answers = [run('not_run')];
    const { result } = renderHook(() => useTestRun(version, { enabled: true }));
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 10));
    expect(result.current.run?.status).toBe('not_run');
    expect(reads).toBe(1);
  });

  test('when the page already holds settled results of this content then nothing is read until Run again, which polls', async () => {
    answers = [run('running'), run('failed')];
    const { result } = renderHook(() => useTestRun(version, { enabled: true, initial: run('passed') }));
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(reads).toBe(0);
    await act(() => result.current.rerun());
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(result.current.run?.status).toBe('failed');
    expect(reads).toBe(2);
  });

  test('when disabled then nothing is read', async () => {
    answers = [run('queued')];
    renderHook(() => useTestRun(version, { enabled: false }));
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(reads).toBe(0);
  });
});
