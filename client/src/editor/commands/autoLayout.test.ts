import { describe, expect, it } from 'vitest';
import { autoLayoutArgs } from './autoLayout';
import { content, sampleGraph, step, storeOf } from './testing';

describe('autoLayout', () => {
  it('when laid out then every step lies to the right of its predecessor and notes do not move', async () => {
    const g = sampleGraph();
    const stacked = {
      ...g,
      nodes: [...g.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })), step('note_1', 'note')],
    };
    const { positions } = await autoLayoutArgs(stacked);
    expect(Object.keys(positions).sort()).toEqual(['block_ip_1', 'condition_1', 'http_1', 'webhook_1']);
    const x = (id: string) => positions[id]?.x ?? NaN;
    expect(x('webhook_1')).toBeLessThan(x('http_1'));
    expect(x('http_1')).toBeLessThan(x('condition_1'));
    expect(x('condition_1')).toBeLessThan(x('block_ip_1'));
  });

  it('when the store lays out then it is one undo step, and redo applies it again', async () => {
    const store = storeOf();
    store
      .getState()
      .run((g) => ({ ...g, nodes: g.nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 7 } })) }), null);
    const before = content(store.getState().graph());
    const pastBefore = store.getState().past.length;
    expect(await store.getState().autoLayout()).toBe(true);
    const after = content(store.getState().graph());
    expect(after).not.toEqual(before);
    expect(store.getState().past.length).toBe(pastBefore + 1);
    store.getState().undo();
    expect(content(store.getState().graph())).toEqual(before);
    store.getState().redo();
    expect(content(store.getState().graph())).toEqual(after);
  });

  it('when the graph changes while ELK works then the stale layout is dropped', async () => {
    const store = storeOf();
    const pending = store.getState().autoLayout();
    store.getState().addNodeAt('approval', { x: 0, y: 0 });
    expect(await pending).toBe(false);
  });
});
