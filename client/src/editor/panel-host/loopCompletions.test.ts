import { describe, expect, it } from 'vitest';
import { sampleGraph, step } from '../commands/testing';
import type { Graph } from '../types';
import { completionsFor } from './completions';

/**
 * webhook_1 → http_1 → condition_1 ─true→ repeat (loop) ─body→ revoke → back to repeat
 *                                                     └done→ after
 * onFailure: continueAt report → report_more
 */
function loopGraph(): Graph {
  const g = sampleGraph();
  const edge = (source: string, sourceHandle: string, target: string) => ({
    id: `${source}:${sourceHandle}->${target}`,
    source,
    sourceHandle,
    target,
  });
  return {
    ...g,
    nodes: [
      ...g.nodes.filter((n) => n.id !== 'block_ip_1'),
      step('repeat', 'loop', { until: 'true', maxRounds: 3 }),
      step('revoke', 'http', { method: 'POST', url: 'https://idp.example' }),
      step('after', 'transform', { expression: '1' }),
      step('report', 'transform', { expression: 'failure.step' }),
      step('report_more', 'transform', { expression: '1' }),
    ],
    edges: [
      ...g.edges.filter((e) => e.target !== 'block_ip_1'),
      edge('condition_1', 'true', 'repeat'),
      edge('repeat', 'body', 'revoke'),
      edge('revoke', 'out', 'repeat'),
      edge('repeat', 'done', 'after'),
      edge('report', 'out', 'report_more'),
    ],
    onFailure: { continueAt: 'report' },
  };
}

const paths = (nodeId: string) => completionsFor(loopGraph(), nodeId).map((c) => c.path);

describe('completions for loops and the failure handler', () => {
  it('when editing the loop or a step of its body then loop.round is offered, and after the loop it is not', () => {
    expect(paths('repeat')).toContain('loop.round');
    expect(paths('revoke')).toContain('loop.round');
    expect(paths('after')).not.toContain('loop.round');
  });

  it('when editing a step on the failure handler path then failure.* is offered, elsewhere it is not', () => {
    expect(paths('report')).toEqual(expect.arrayContaining(['failure.step', 'failure.error.message']));
    expect(paths('report_more')).toContain('failure.error.kind');
    expect(paths('revoke')).not.toContain('failure.step');
  });
});
