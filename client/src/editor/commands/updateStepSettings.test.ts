import { describe, expect, it } from 'vitest';
import { updateStepSettings } from './updateStepSettings';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('updateStepSettings', () => {
  it('when retry and timeout are set then the step carries them', () => {
    const g = updateStepSettings(sampleGraph(), { id: 'http_1', retry: { maxAttempts: 3 }, timeout: '30s' });
    expect(g.nodes[1]?.data).toMatchObject({ retry: { maxAttempts: 3 }, timeout: '30s' });
  });

  it('when null is given then the setting is removed; when left out it is kept', () => {
    let g = updateStepSettings(sampleGraph(), { id: 'http_1', retry: { maxAttempts: 3 }, timeout: '30s' });
    g = updateStepSettings(g, { id: 'http_1', timeout: null });
    expect(g.nodes[1]?.data.retry).toEqual({ maxAttempts: 3 });
    expect('timeout' in (g.nodes[1]?.data ?? {})).toBe(false);
  });

  it('when the node is a trigger then nothing changes', () => {
    const g = sampleGraph();
    expect(updateStepSettings(g, { id: 'webhook_1', timeout: '1m' })).toBe(g);
  });

  it('when undone then the settings are gone, and redo sets them again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(updateStepSettings, { id: 'http_1', timeout: '10s' }));
  });
});
