import { describe, expect, it } from 'vitest';
import { updateLabel } from './updateLabel';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('updateLabel', () => {
  it('when a node is renamed then its label changes and its id and edges do not', () => {
    const before = sampleGraph();
    const g = updateLabel(before, { id: 'http_1', label: 'Enrich IP' });
    expect(g.nodes[1]).toMatchObject({ id: 'http_1', data: { label: 'Enrich IP' } });
    expect(g.edges).toBe(before.edges);
  });

  it('when the label is the same then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(updateLabel(g, { id: 'http_1', label: 'http_1' })).toBe(g);
  });

  it('when undone then the old label is back, and redo renames again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(updateLabel, { id: 'http_1', label: 'Enrich' }));
  });
});
