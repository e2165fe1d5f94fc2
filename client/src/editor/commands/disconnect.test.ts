import { describe, expect, it } from 'vitest';
import { disconnect } from './disconnect';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('disconnect', () => {
  it('when an edge id is given then only that edge is removed', () => {
    const g = disconnect(sampleGraph(), { edgeIds: ['http_1:out->condition_1'] });
    expect(g.edges.map((e) => e.id)).toEqual(['webhook_1:out->http_1', 'condition_1:true->block_ip_1']);
  });

  it('when the id is unknown then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(disconnect(g, { edgeIds: ['nope'] })).toBe(g);
  });

  it('when undone then the edge is back, and redo removes it again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(disconnect, { edgeIds: ['webhook_1:out->http_1'] }));
  });
});
