// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { useRunEvents, type RunEventHandlers } from './useRunEvents';

/** An EventSource the test drives: `emit` delivers a named frame as the browser would. */
class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static last: FakeEventSource | undefined;
  readyState = 1;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  emit(event: string, data: string) {
    this.dispatchEvent(new MessageEvent(event, { data }));
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

const RUN = '0190a1b2-0000-7000-8000-0000000000aa';

function listen() {
  const handlers = { onRun: vi.fn(), onStep: vi.fn(), onMalformed: vi.fn() } satisfies RunEventHandlers;
  renderHook(() => useRunEvents(`/api/runs/${RUN}/events`, handlers));
  const source = FakeEventSource.last;
  if (!source) throw new Error('no EventSource opened');
  return { handlers, source };
}

beforeEach(() => vi.stubGlobal('EventSource', FakeEventSource));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useRunEvents', () => {
  test('when run and step frames match the contract then the handlers get them parsed', () => {
    const { handlers, source } = listen();
    const step = {
      runId: RUN,
      stepId: 'lookup',
      stepKey: 'lookup',
      nodeType: 'http',
      attempt: 1,
      status: 'running',
      startedAt: 5,
    };

    act(() => {
      source.emit('run', JSON.stringify({ runId: RUN, status: 'running' }));
      source.emit('step', JSON.stringify(step));
    });

    expect(handlers.onRun).toHaveBeenCalledWith({ runId: RUN, status: 'running' });
    expect(handlers.onStep).toHaveBeenCalledWith(step);
    expect(handlers.onMalformed).not.toHaveBeenCalled();
  });

  test('when a frame is not JSON or not the contract shape then it is dropped and reported, and later frames still come', () => {
    const { handlers, source } = listen();

    act(() => {
      source.emit('run', 'not json');
      source.emit('run', JSON.stringify({ runId: RUN, status: 'exploded' }));
      source.emit('step', JSON.stringify({ runId: RUN }));
      source.emit('run', JSON.stringify({ runId: RUN, status: 'succeeded' }));
    });

    expect(handlers.onMalformed.mock.calls.map(([event]) => event)).toEqual(['run', 'run', 'step']);
    expect(handlers.onStep).not.toHaveBeenCalled();
    expect(handlers.onRun).toHaveBeenCalledTimes(1);
    expect(handlers.onRun).toHaveBeenCalledWith({ runId: RUN, status: 'succeeded' });
  });
});
