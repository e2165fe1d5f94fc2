import { describe, expect, it } from 'vitest';
import { updateParams } from './updateParams';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('updateParams', () => {
  it('when params are set then only that node gets a new data object', () => {
    const before = sampleGraph();
    const g = updateParams(before, { id: 'condition_1', params: { predicate: 'true' } });
    expect(g.nodes[2]?.data.params).toEqual({ predicate: 'true' });
    expect(g.nodes[1]).toBe(before.nodes[1]);
  });

  it('when the params are equal or the node is missing then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(updateParams(g, { id: 'condition_1', params: { predicate: 'steps.http_1.output.body.score > 70' } })).toBe(
      g,
    );
    expect(updateParams(g, { id: 'nope', params: {} })).toBe(g);
  });

  it('when undone then the old params are back, and redo sets them again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(updateParams, { id: 'http_1', params: { url: 'https://x' } }));
  });

  it('when typing in one field sends many updates with one coalesce key then they undo as one step', () => {
    const store = storeOf();
    for (const predicate of ['a', 'ab', 'abc']) {
      store
        .getState()
        .run(updateParams, { id: 'condition_1', params: { predicate } }, { coalesce: 'params:condition_1' });
    }
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().nodes[2]?.data.params).toEqual({ predicate: 'steps.http_1.output.body.score > 70' });
  });
});
