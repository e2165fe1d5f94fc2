import { describe, expect, it } from 'vitest';
import { moveNodes } from './moveNodes';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('moveNodes', () => {
  it('when positions are given then those nodes move and the others keep their objects', () => {
    const before = sampleGraph();
    const g = moveNodes(before, { positions: { http_1: { x: 1, y: 2 } } });
    expect(g.nodes[1]?.position).toEqual({ x: 1, y: 2 });
    expect(g.nodes[0]).toBe(before.nodes[0]);
  });

  it('when the positions are the current ones then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(moveNodes(g, { positions: { http_1: { x: 300, y: 0 } } })).toBe(g);
  });

  it('when undone then the node is back, and redo moves it again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(moveNodes, { positions: { http_1: { x: 7, y: 8 } } }));
  });

  it('when a drag streams many moves then it is one undo step, committed on drag stop', () => {
    const store = storeOf();
    const s = () => store.getState();
    s().beginGesture();
    for (let x = 301; x <= 340; x++) {
      s().onNodesChange([{ type: 'position', id: 'http_1', position: { x, y: 0 }, dragging: true }]);
    }
    expect(s().past).toHaveLength(0);
    s().endGesture();
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(s().nodes[1]?.position).toEqual({ x: 300, y: 0 });
    s().redo();
    expect(s().nodes[1]?.position).toEqual({ x: 340, y: 0 });
  });

  it('when a drag ends where it started then no history entry is written', () => {
    const store = storeOf();
    store.getState().beginGesture();
    store.getState().endGesture();
    expect(store.getState().past).toHaveLength(0);
  });

  it('when moves arrive without a drag (arrow keys) then they become an undoable command', () => {
    const store = storeOf();
    store.getState().onNodesChange([{ type: 'position', id: 'http_1', position: { x: 305, y: 0 } }]);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().nodes[1]?.position.x).toBe(300);
  });
});
