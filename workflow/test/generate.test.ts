import { describe, expect, it } from 'vitest';
import { compileGraph } from '../src/compile/compile';
import { generateChainGraph } from '../src/testing/generate';

describe('generateChainGraph', () => {
  it.each([2, 3, 7, 23, 100, 1_000])(
    'when asked for %i nodes then it draws exactly that many, and they compile without a problem',
    (n) => {
      const graph = generateChainGraph(n);
      expect(graph.nodes).toHaveLength(n);
      expect(compileGraph(graph).problems).toEqual([]);
    },
  );

  it('when asked for a thousand nodes then every kind of flow is in it', () => {
    const types = new Set(generateChainGraph(1_000).nodes.map((n) => n.data.nodeType));
    for (const t of [
      'trigger.webhook',
      'condition',
      'parallel',
      'join',
      'foreach',
      'approval',
      'switch',
      'connector',
      'end',
    ]) {
      expect(types).toContain(t);
    }
  });

  it('when called twice then it draws the same graph', () => {
    expect(generateChainGraph(250)).toEqual(generateChainGraph(250));
  });

  it('when asked for fewer than two nodes then it draws what it can: a lone trigger or nothing', () => {
    expect(generateChainGraph(1).nodes.map((n) => n.data.nodeType)).toEqual(['trigger.webhook']);
    expect(generateChainGraph(0).nodes).toEqual([]);
  });
});
