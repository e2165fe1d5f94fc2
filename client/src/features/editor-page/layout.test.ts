import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../../editor/commands/testing';
import { withLayout } from './layout';

describe('withLayout', () => {
  it('when a stored layout names a node then the node takes its position; others keep theirs', () => {
    const g = withLayout(sampleGraph(), { positions: { http_1: { x: 5, y: 6 } }, notes: [] });
    expect(g.nodes.find((n) => n.id === 'http_1')?.position).toEqual({ x: 5, y: 6 });
    expect(g.nodes.find((n) => n.id === 'condition_1')?.position).toEqual({ x: 600, y: 0 });
  });

  it('when the layout has notes then they replace the version notes', () => {
    const base = sampleGraph();
    base.nodes.push({ id: 'note_1', type: 'note', position: { x: 0, y: 0 }, data: { nodeType: 'note', text: 'old' } });
    const g = withLayout(base, { positions: {}, notes: [{ id: 'note_2', x: 1, y: 2, text: 'new' }] });
    expect(g.nodes.filter((n) => n.type === 'note').map((n) => n.data.text)).toEqual(['new']);
  });
});

describe('layoutKey', () => {
  it('when only the node order differs then the key is the same; a move changes it', async () => {
    const { layoutKey } = await import('./layout');
    const g = sampleGraph();
    const reversed = { ...g, nodes: [...g.nodes].reverse() };
    expect(layoutKey(reversed)).toBe(layoutKey(g));
    const moved = { ...g, nodes: g.nodes.map((n) => (n.id === 'http_1' ? { ...n, position: { x: 1, y: 1 } } : n)) };
    expect(layoutKey(moved)).not.toBe(layoutKey(g));
  });
});
