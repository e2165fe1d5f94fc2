import { describe, expect, it } from 'vitest';
import { EngineError, MemoryRunStore, RunConflictError } from '../../src/engine';
import { harness, step, T0, workflow } from './harness';
import { createVirtualClock } from '../../src/engine';

describe('memory run store and engine bookkeeping', () => {
  it('when a commit skips a version then the store refuses it', async () => {
    const store = new MemoryRunStore();
    const { engine } = harness({ store });
    const run = await engine.start(workflow('a', { a: step('transform', { expression: '1' }) }), {});
    const stored = await store.load(run.runId);
    if (!stored) throw new Error('not stored');

    const stale = { state: { ...stored.state, version: stored.state.version }, results: [], attempts: [] };
    await expect(store.commit(run.runId, stale)).rejects.toBeInstanceOf(RunConflictError);
  });

  it('when a run id is unknown then resume is refused with not_found', async () => {
    const { engine } = harness();
    await expect(engine.resume('nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(engine.resume('nope')).rejects.toBeInstanceOf(EngineError);
  });

  it('when runs wait on timers then due() lists those whose wakeAt has come, earliest first', async () => {
    const clock = createVirtualClock({ start: T0 });
    const store = new MemoryRunStore();
    const { engine } = harness({ store, clock });
    const wait = (d: string) => workflow('w', { w: step('delay', { duration: d }) });
    const late = await engine.start(wait('2h'), {});
    const soon = await engine.start(wait('1h'), {});

    expect(await store.due(T0 + 30 * 60_000, 10)).toEqual([]);
    expect(await store.due(T0 + 3 * 3_600_000, 10)).toEqual([soon.runId, late.runId]);
  });
});
