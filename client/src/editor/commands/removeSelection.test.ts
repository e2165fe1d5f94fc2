import { describe, expect, it } from 'vitest';
import { removeSelection } from './removeSelection';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('removeSelection', () => {
  it('when a node is removed then every edge touching it goes too', () => {
    const g = removeSelection(sampleGraph(), { nodes: ['http_1'], edges: [] });
    expect(g.nodes.map((n) => n.id)).toEqual(['webhook_1', 'condition_1', 'block_ip_1']);
    expect(g.edges.map((e) => e.id)).toEqual(['condition_1:true->block_ip_1']);
  });

  it('when only an edge is selected then only the edge goes', () => {
    const g = removeSelection(sampleGraph(), { nodes: [], edges: ['webhook_1:out->http_1'] });
    expect(g.nodes).toHaveLength(4);
    expect(g.edges).toHaveLength(2);
  });

  it('when nothing is selected then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(removeSelection(g, { nodes: [], edges: [] })).toBe(g);
  });

  it('when the store removes its selection then undo restores nodes and edges, and redo removes them again', () => {
    const store = storeOf();
    store.getState().select({ nodes: ['http_1', 'condition_1'] });
    expectUndoRedo(store, () => store.getState().removeSelected());
    expect(store.getState().selection.nodes).toEqual([]);
  });
});
