import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine';
import { FakeEffects, get, harness, inspect, settle, step, T0, workflow } from './harness';

describe('engine: cancellation', () => {
  it('when a running run is cancelled then its in-flight effect is aborted and the run ends cancelled', async () => {
    // start → slow (GET that only ends when aborted) → after
    const effects = new FakeEffects({
      slow: (req) =>
        new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    const { engine, store } = harness({ effects, clock: createVirtualClock({ start: T0 }) });
    const doc = workflow('slow', {
      slow: get('https://slow.example', { out: 'after' }),
      after: step('transform', { expression: '1' }),
    });

    const started = engine.start(doc, {}, { runId: 'r' });
    while (effects.calls.length === 0) await settle();
    const cancelled = await engine.cancel('r', 'analyst stopped it');

    expect(cancelled).toMatchObject({ status: 'cancelled', message: 'analyst stopped it' });
    expect((await started).status).toBe('cancelled');
    expect(effects.calls[0]?.signal.aborted).toBe(true);
    const r = await inspect(store, 'r');
    expect(r.attemptsOf('slow')[0]?.status).toBe('cancelled');
    expect(r.path).toEqual([]);
  });

  it('when a parent run is cancelled then its waiting child run is cancelled too', async () => {
    // parent: start → sub (child: start → ask (approval))
    const child = workflow('ask', { ask: step('approval', { approvers: { users: ['a'] }, timeout: '1d' }) });
    const { engine, store } = harness({
      clock: createVirtualClock({ start: T0 }),
      workflows: { resolve: async () => child },
    });

    const waiting = await engine.start(workflow('sub', { sub: step('subworkflow', { workflow: 'child' }) }), {});
    expect(waiting.status).toBe('waiting');
    await engine.cancel(waiting.runId);

    expect((await store.load(`${waiting.runId}/sub`))?.state.status).toBe('cancelled');
  });
});
