import { describe, expect, it } from 'vitest';
import { addNode } from './addNode';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('addNode', () => {
  it('when a type is dropped then a node with its defaults, a fresh readable id and the position is added, selected alone', () => {
    const g = addNode(sampleGraph(), { nodeType: 'http', position: { x: 10, y: 20 } });
    const added = g.nodes[g.nodes.length - 1];
    expect(added).toMatchObject({ id: 'http_2', type: 'step', position: { x: 10, y: 20 }, selected: true });
    expect(added?.data).toEqual({
      nodeType: 'http',
      label: 'HTTP request',
      params: { method: 'GET', url: '', headers: {}, query: {} },
    });
    expect(g.nodes.filter((n) => n.selected)).toHaveLength(1);
  });

  it('when a trigger type is added then it is drawn as a trigger and its id drops the prefix', () => {
    const g = addNode(sampleGraph(), { nodeType: 'trigger.manual', position: { x: 0, y: 0 } });
    expect(g.nodes.at(-1)).toMatchObject({ id: 'manual_1', type: 'trigger' });
  });

  it('when two nodes of a type are added then their defaults are not shared', () => {
    let g = addNode(sampleGraph(), { nodeType: 'approval', position: { x: 0, y: 0 } });
    g = addNode(g, { nodeType: 'approval', position: { x: 0, y: 0 } });
    const [a, b] = g.nodes.slice(-2);
    expect(a?.id).toBe('approval_1');
    expect(b?.id).toBe('approval_2');
    expect(a?.data.params).not.toBe(b?.data.params);
    expect(a?.data.params?.['approvers']).not.toBe(b?.data.params?.['approvers']);
  });

  it('when the type is unknown or the id is taken then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(addNode(g, { nodeType: 'nope', position: { x: 0, y: 0 } })).toBe(g);
    expect(addNode(g, { nodeType: 'http', position: { x: 0, y: 0 }, id: 'http_1' })).toBe(g);
  });

  it('when undone then the node is gone, and redo brings it back', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().addNodeAt('approval', { x: 5, y: 5 }));
  });
});
