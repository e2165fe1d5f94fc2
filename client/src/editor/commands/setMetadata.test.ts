import { describe, expect, it } from 'vitest';
import { setMetadata } from './setMetadata';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('setMetadata', () => {
  it('when fields are patched then they change and the rest stays', () => {
    const g = setMetadata(sampleGraph(), { patch: { severity: 'high', tags: ['ip'] } });
    expect(g.metadata).toEqual({ name: 'Contain IP', severity: 'high', tags: ['ip'] });
  });

  it('when a field is patched to undefined then it is removed', () => {
    const g = setMetadata(
      { ...sampleGraph(), metadata: { name: 'a', manualBaselineMinutes: 5 } },
      {
        patch: { manualBaselineMinutes: undefined },
      },
    );
    expect(g.metadata).toEqual({ name: 'a' });
  });

  it('when nothing differs then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(setMetadata(g, { patch: { name: 'Contain IP' } })).toBe(g);
  });

  it('when undone then the old metadata is back, and redo patches again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(setMetadata, { patch: { name: 'Renamed' } }));
  });
});
