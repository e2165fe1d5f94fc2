import { describe, expect, it } from 'vitest';
import { setSamples } from './setSamples';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

const sample = { name: 'Brute force', event: { src_ip: '198.51.100.7' } };

describe('setSamples', () => {
  it('when samples are set then the graph carries them', () => {
    expect(setSamples(sampleGraph(), { samples: [sample] }).samples).toEqual([sample]);
  });

  it('when the samples are the same then the graph is unchanged', () => {
    const g = { ...sampleGraph(), samples: [sample] };
    expect(setSamples(g, { samples: [{ ...sample }] })).toBe(g);
  });

  it('when undone then the old samples are back, and redo sets them again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(setSamples, { samples: [sample] }));
  });
});
