import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../commands/testing';
import { documentToFlowGraph } from './convert';
import { documentForSave, draftDocument } from './draft';

describe('the document to save', () => {
  it('when the graph compiles then the compiled document is saved and opens back as the same graph', () => {
    const { document, compiled } = documentForSave(sampleGraph());
    expect(compiled.document).toBeDefined();
    const reopened = documentToFlowGraph(document);
    expect(reopened.nodes.map((n) => [n.id, n.type, n.position])).toEqual(
      expect.arrayContaining([
        ['http_1', 'step', { x: 300, y: 0 }],
        ['webhook_1', 'trigger', { x: 0, y: 0 }],
      ]),
    );
    expect(reopened.edges.map((e) => e.id).sort()).toEqual(
      sampleGraph()
        .edges.map((e) => e.id)
        .sort(),
    );
  });

  it('when the schema refuses the graph (an empty URL) then the draft as written is saved and reopens', () => {
    const g = sampleGraph();
    const http = g.nodes[1];
    if (http) http.data.params = { method: 'GET', url: '' };
    const { document, compiled } = documentForSave(g);
    expect(compiled.document).toBeUndefined();
    expect(document).toMatchObject({ trigger: { id: 'webhook_1', transitions: { out: ['http_1'] } } });
    const reopened = documentToFlowGraph(document);
    expect(reopened.nodes.find((n) => n.id === 'http_1')?.data.params).toEqual({ method: 'GET', url: '' });
    expect(reopened.edges).toHaveLength(3);
  });

  it('when there is no trigger then there is nothing to save', () => {
    const g = sampleGraph();
    expect(draftDocument({ ...g, nodes: g.nodes.slice(1) })).toBeUndefined();
  });
});
