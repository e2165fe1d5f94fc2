import { describe, expect, it } from 'vitest';
import { addNode } from './addNode';
import { connect, connectionProblem } from './connect';
import { expectUndoRedo, sampleGraph, step, storeOf } from './testing';

describe('connect', () => {
  it('when a free port is connected then an edge with the overlay id format is added', () => {
    const g = connect(sampleGraph(), { source: 'condition_1', sourceHandle: 'false', target: 'http_1' });
    expect(g.edges.at(-1)).toEqual({
      id: 'condition_1:false->http_1',
      source: 'condition_1',
      sourceHandle: 'false',
      target: 'http_1',
    });
  });

  it('when a single-target port is connected again then its edge is replaced', () => {
    const g = connect(sampleGraph(), { source: 'condition_1', sourceHandle: 'true', target: 'http_1' });
    expect(g.edges.filter((e) => e.source === 'condition_1').map((e) => e.target)).toEqual(['http_1']);
  });

  it('when a multiple port (parallel branches) is connected twice then both edges stay', () => {
    let g = sampleGraph();
    g = { ...g, nodes: [...g.nodes, step('parallel_1', 'parallel')] };
    g = connect(g, { source: 'parallel_1', sourceHandle: 'branches', target: 'http_1' });
    g = connect(g, { source: 'parallel_1', sourceHandle: 'branches', target: 'block_ip_1' });
    expect(g.edges.filter((e) => e.source === 'parallel_1')).toHaveLength(2);
  });

  it('when no handle is given then the port is "out"', () => {
    const g = addNode(sampleGraph(), { nodeType: 'approval', position: { x: 0, y: 0 }, id: 'approval_1' });
    const next = connect(g, { source: 'block_ip_1', target: 'approval_1' });
    expect(next.edges.at(-1)?.sourceHandle).toBe('out');
  });

  it.each([
    ['an unknown port', { source: 'http_1', sourceHandle: 'nope', target: 'condition_1' }, 'no port "nope"'],
    ['a trigger as target', { source: 'http_1', sourceHandle: 'out', target: 'webhook_1' }, 'a trigger has no input'],
    ['the node itself', { source: 'http_1', sourceHandle: 'out', target: 'http_1' }, 'a step cannot lead to itself'],
    ['a missing node', { source: 'ghost', sourceHandle: 'out', target: 'http_1' }, 'unknown node'],
  ])('when connecting to %s then it is refused and the graph is unchanged', (_name, args, problem) => {
    const g = sampleGraph();
    expect(connectionProblem(g, args)).toBe(problem);
    expect(connect(g, args)).toBe(g);
  });

  it('when the error port of a step is connected then it is accepted', () => {
    const g = connect(sampleGraph(), { source: 'http_1', sourceHandle: 'error', target: 'block_ip_1' });
    expect(g.edges.at(-1)?.id).toBe('http_1:error->block_ip_1');
  });

  it('when undone then the edge is gone (and a replaced edge is back), and redo reconnects', () => {
    const store = storeOf();
    expectUndoRedo(store, () =>
      store.getState().connect({ source: 'condition_1', sourceHandle: 'true', target: 'http_1' }),
    );
    expect(store.getState().edges.some((e) => e.id === 'condition_1:true->block_ip_1')).toBe(false);
    store.getState().undo();
    expect(store.getState().edges.some((e) => e.id === 'condition_1:true->block_ip_1')).toBe(true);
  });
});
