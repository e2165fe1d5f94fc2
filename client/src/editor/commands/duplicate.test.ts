import { describe, expect, it } from 'vitest';
import { duplicate } from './duplicate';
import { PASTE_OFFSET } from './paste';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('duplicate', () => {
  it('when two connected nodes are duplicated then copies get new ids, an offset and their internal edge', () => {
    const g = duplicate(sampleGraph(), { ids: ['http_1', 'condition_1'] });
    const copies = g.nodes.slice(4);
    expect(copies.map((n) => n.id)).toEqual(['http_2', 'condition_2']);
    expect(copies[0]?.position).toEqual({ x: 300 + PASTE_OFFSET.x, y: PASTE_OFFSET.y });
    expect(g.edges.at(-1)).toMatchObject({ id: 'http_2:out->condition_2', source: 'http_2', target: 'condition_2' });
    expect(g.edges).toHaveLength(4);
  });

  it('when a copied step reads another copied step then the copy reads the new id', () => {
    const g = duplicate(sampleGraph(), { ids: ['http_1', 'condition_1'] });
    expect(g.nodes.at(-1)?.data.params).toEqual({ predicate: 'steps.http_2.output.body.score > 70' });
  });

  it('when duplicated then only the copies are selected', () => {
    const g = duplicate(sampleGraph(), { ids: ['http_1'] });
    expect(g.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['http_2']);
  });

  it('when nothing is given then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(duplicate(g, { ids: [] })).toBe(g);
  });

  it('when undone then the copies are gone, and redo brings them back', () => {
    const store = storeOf();
    store.getState().select({ nodes: ['condition_1', 'block_ip_1'] });
    expectUndoRedo(store, () => store.getState().duplicateSelected());
  });
});
