import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, logicOf } from '../src/canonical';
import { compileGraph } from '../src/compile/compile';
import { documentToGraph } from '../src/compile/to-graph';
import type { EditorGraph, EditorNode } from '../src/compile/types';
import { WorkflowDocument } from '../src/document';
import { generateChainGraph } from '../src/testing/generate';
import { baseDocument } from './support/documents';
import { arbitraryGraph, redrawn } from './support/graphs';

const node = (id: string, nodeType: string, params: unknown = {}, x = 0): EditorNode => ({
  id,
  position: { x, y: 0 },
  data: { nodeType, params },
});

/** trigger ─out→ work (transform) ─out→ stop (end) */
function smallGraph(): EditorGraph {
  return {
    nodes: [
      node('trigger', 'trigger.manual'),
      node('work', 'transform', { expression: 'event.x' }, 200),
      node('stop', 'end', {}, 400),
    ],
    edges: [
      { id: 'a', source: 'trigger', target: 'work' },
      { id: 'b', source: 'work', target: 'stop', sourceHandle: 'out' },
    ],
    metadata: { name: 'Small' },
  };
}

describe('compileGraph', () => {
  it('when the graph is valid then the document, its canonical JSON and hash come back without problems', () => {
    const result = compileGraph(smallGraph());
    expect(result.problems).toEqual([]);
    expect(result.document?.trigger.transitions).toEqual({ out: ['work'] });
    expect(result.canonical).toBe(result.document && canonicalJson(result.document));
    expect(result.hash).toBe(result.document && contentHash(result.document));
  });

  it('when an edge has no source handle then it leaves from port "out"', () => {
    const graph = smallGraph();
    graph.edges = graph.edges.map((e) => ({ ...e, sourceHandle: null }));
    expect(compileGraph(graph).document?.steps['work']?.transitions).toEqual({ out: ['stop'] });
  });

  it('when nodes are moved then only ui.positions changes, never the canonical JSON', () => {
    const before = compileGraph(smallGraph());
    const moved = smallGraph();
    moved.nodes = moved.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 999 } }));
    const after = compileGraph(moved);
    expect(after.document?.ui.positions['work']).toEqual({ x: 250, y: 999 });
    expect(after.canonical).toBe(before.canonical);
    expect(after.hash).toBe(before.hash);
    expect(after.canonical).not.toContain('999');
  });

  it('when a sticky note is on the canvas then it goes to ui.notes and is no step', () => {
    const graph = smallGraph();
    graph.nodes.push({
      id: 'n1',
      type: 'note',
      position: { x: 5, y: 6 },
      width: 100,
      data: { nodeType: 'note', text: 'why' },
    });
    const { document, problems } = compileGraph(graph);
    expect(problems).toEqual([]);
    expect(document?.steps['n1']).toBeUndefined();
    expect(document?.ui.notes).toEqual([{ id: 'n1', x: 5, y: 6, width: 100, text: 'why' }]);
  });

  it('when there is no trigger then that is a workflow problem, and step problems still show', () => {
    const graph = smallGraph();
    graph.nodes = graph.nodes.filter((n) => n.id !== 'trigger').concat(node('bad', 'http', { url: '' }));
    graph.edges = graph.edges.filter((e) => e.source !== 'trigger');
    const { document, problems } = compileGraph(graph);
    expect(document).toBeUndefined();
    expect(problems).toContainEqual({ nodeId: 'workflow', path: '', message: 'a workflow needs a trigger' });
    expect(problems).toContainEqual({ nodeId: 'bad', path: 'params.url', message: 'a URL is required' });
  });

  it('when there are several triggers then each extra one is reported, whatever the node order', () => {
    const graph = smallGraph();
    graph.nodes.unshift(node('zz_second', 'trigger.webhook'), node('zz_third', 'trigger.manual'));
    const { problems } = compileGraph(graph);
    const extra = problems.filter((p) => p.message.includes('single trigger'));
    expect(extra).toEqual([
      { nodeId: 'zz_second', path: '', message: 'a workflow has a single trigger ("trigger"); remove this one' },
      { nodeId: 'zz_third', path: '', message: 'a workflow has a single trigger ("trigger"); remove this one' },
    ]);
  });

  it('when an edge comes from or leads to an unknown node then it is reported', () => {
    const graph = smallGraph();
    graph.edges.push(
      { id: 'x', source: 'ghost', target: 'stop' },
      { id: 'y', source: 'work', target: 'nowhere', sourceHandle: 'error' },
    );
    const { problems } = compileGraph(graph);
    expect(problems).toContainEqual({
      nodeId: 'workflow',
      path: '',
      message: 'edge "x" comes from unknown node "ghost"',
    });
    expect(problems).toContainEqual({
      nodeId: 'work',
      path: 'transitions.error',
      message: 'edge "y" leads to unknown node "nowhere"',
    });
  });

  it('when two nodes share an id then it is reported', () => {
    const graph = smallGraph();
    graph.nodes.push(node('work', 'end'));
    expect(compileGraph(graph).problems).toContainEqual({
      nodeId: 'work',
      path: '',
      message: 'two nodes share the id "work"',
    });
  });

  it('when a fan-out is drawn in any order then its targets are sorted', () => {
    const graph = smallGraph();
    graph.nodes.push(node('fork', 'parallel'), node('b', 'end'), node('a', 'end'));
    graph.edges = [
      { id: 'e1', source: 'trigger', target: 'fork' },
      { id: 'e2', source: 'fork', target: 'b', sourceHandle: 'branches' },
      { id: 'e3', source: 'fork', target: 'a', sourceHandle: 'branches' },
    ];
    expect(compileGraph(graph).document?.steps['fork']?.transitions).toEqual({ branches: ['a', 'b'] });
  });
});

describe('compileGraph is deterministic', () => {
  it('when a random graph is redrawn in another order and at other positions then canonical JSON, hash and problems are identical', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.integer(), fc.integer(), (graph, s1, s2) => {
        const a = compileGraph(redrawn(graph, s1));
        const b = compileGraph(redrawn(graph, s2));
        expect(b.canonical).toBe(a.canonical);
        expect(b.hash).toBe(a.hash);
        expect(b.problems).toEqual(a.problems);
        expect(b.document && logicOf(b.document)).toEqual(a.document && logicOf(a.document));
      }),
      { numRuns: 100 },
    );
  });

  it('when a generated 300-node playbook is redrawn then its hash does not move', () => {
    const graph = generateChainGraph(300);
    const reference = compileGraph(graph);
    expect(reference.problems).toEqual([]);
    for (const seed of [1, 2, 3]) expect(compileGraph(redrawn(graph, seed)).hash).toBe(reference.hash);
  });
});

describe('documentToGraph', () => {
  it('when a document is opened in the editor and compiled again then the same document comes back', () => {
    const doc = WorkflowDocument.parse({
      ...baseDocument(),
      steps: { ...baseDocument().steps, done: { type: 'end', params: {}, retry: { maxAttempts: 2 }, timeout: '5m' } },
      vars: { threshold: 70 },
      tests: [
        {
          name: 'one',
          event: { ip: '10.0.0.1' },
          fixtures: {
            enrich: { sequence: [{ fail: { kind: 'http_5xx', status: 503 } }, { output: {} }], by: 'attempt' },
          },
          expect: { status: 'succeeded', reached: ['block'] },
        },
      ],
      ui: {
        positions: {
          alert: { x: 0, y: 0 },
          enrich: { x: 1, y: 2 },
          check: { x: 3, y: 4 },
          block: { x: 5, y: 6 },
          done: { x: 7, y: 8 },
        },
        notes: [
          { id: 'a', x: 1, y: 1, text: 'first' },
          { id: 'b', x: 2, y: 2, width: 10, height: 20, text: 'second' },
        ],
      },
    });
    const { document, problems } = compileGraph(documentToGraph(doc));
    expect(problems).toEqual([]);
    expect(document).toEqual(doc);
  });

  it('when a generated playbook goes to the editor and back then its canonical JSON is unchanged', () => {
    const first = compileGraph(generateChainGraph(120));
    const again = first.document && compileGraph(documentToGraph(first.document));
    expect(again?.canonical).toBe(first.canonical);
    expect(again?.document).toEqual(first.document);
  });
});
