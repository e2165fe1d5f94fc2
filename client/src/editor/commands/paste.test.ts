import { describe, expect, it } from 'vitest';
import { copyNodes, parseClipboard, serializeClipboard } from './clipboard';
import { paste } from './paste';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('copy and paste', () => {
  it('when nodes are copied then the payload keeps only edges between them', () => {
    const payload = copyNodes(sampleGraph(), ['http_1', 'condition_1']);
    expect(payload?.nodes.map((n) => n.id)).toEqual(['http_1', 'condition_1']);
    expect(payload?.edges).toEqual([{ source: 'http_1', sourceHandle: 'out', target: 'condition_1' }]);
  });

  it('when the payload goes through clipboard text then it parses back the same', () => {
    const payload = copyNodes(sampleGraph(), ['http_1', 'condition_1']);
    if (!payload) throw new Error('no payload');
    expect(parseClipboard(serializeClipboard(payload))).toEqual(payload);
  });

  it.each([
    ['plain text', 'hello'],
    ['JSON without the marker', '{"nodes":[]}'],
    [
      'an unknown node type',
      '{"marker":"autonomic/nodes@1","nodes":[{"id":"a","position":{"x":0,"y":0},"data":{"nodeType":"rm-rf"}}]}',
    ],
  ])('when the clipboard holds %s then nothing is pasted', (_name, text) => {
    expect(parseClipboard(text)).toBeNull();
  });

  it('when pasted into another workflow then the nodes get ids free there and land at the given point', () => {
    const payload = copyNodes(sampleGraph(), ['http_1', 'condition_1']);
    if (!payload) throw new Error('no payload');
    const other = { ...sampleGraph(), nodes: sampleGraph().nodes.slice(0, 2), edges: [] };
    const g = paste(other, { payload, at: { x: 1000, y: 500 } });
    const added = g.nodes.slice(2);
    expect(added.map((n) => n.id)).toEqual(['http_2', 'condition_1']);
    expect(added.map((n) => n.position)).toEqual([
      { x: 1000, y: 500 },
      { x: 1300, y: 500 },
    ]);
    expect(added[1]?.data.params).toEqual({ predicate: 'steps.http_2.output.body.score > 70' });
    expect(g.edges).toEqual([
      { id: 'http_2:out->condition_1', source: 'http_2', sourceHandle: 'out', target: 'condition_1' },
    ]);
  });

  it('when pasted then changing the copy leaves the payload untouched', () => {
    const payload = copyNodes(sampleGraph(), ['http_1']);
    if (!payload) throw new Error('no payload');
    const g = paste(sampleGraph(), { payload });
    expect(g.nodes.at(-1)?.data).not.toBe(payload.nodes[0]?.data);
  });

  it('when undone then the pasted nodes are gone, and redo pastes them again', () => {
    const store = storeOf();
    const payload = copyNodes(sampleGraph(), ['block_ip_1']);
    if (!payload) throw new Error('no payload');
    expectUndoRedo(store, () => store.getState().pastePayload(payload));
  });
});
