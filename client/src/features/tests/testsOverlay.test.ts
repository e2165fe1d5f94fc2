import { CoverageView } from '@autonomic/api';
import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../../editor/commands/testing';
import { decoratedEdges } from '../../editor/canvas/overlay';
import { testsOverlay, uncoveredEdges } from './testsOverlay';

/** webhook_1 → http_1 → condition_1 (true → block_ip_1): the cases never took the true branch. */
const coverage = CoverageView.parse({
  edges: [
    { from: 'webhook_1', port: 'out', to: 'http_1', cases: ['quiet'] },
    { from: 'http_1', port: 'out', to: 'condition_1', cases: ['quiet'] },
    { from: 'condition_1', port: 'true', to: 'block_ip_1', cases: [] },
  ],
  covered: 2,
  total: 3,
  percent: 66.6,
  destructive: [],
  errorPorts: [],
});

describe('coverage on the canvas', () => {
  it('when no case went along an edge then that edge, and only it, is marked uncovered', () => {
    expect(uncoveredEdges(sampleGraph().edges, coverage)).toEqual({ 'condition_1:true->block_ip_1': 'uncovered' });
  });

  it('when the canvas draws the overlay then the uncovered edge carries the dimming class', () => {
    const { edges, nodes } = sampleGraph();
    const overlay = testsOverlay(edges, coverage, null);
    const drawn = decoratedEdges(edges, overlay, new Set(nodes.map((n) => n.id)));
    expect(drawn.find((e) => e.id === 'condition_1:true->block_ip_1')?.className).toBe('edge-uncovered');
    expect(drawn.find((e) => e.id === 'http_1:out->condition_1')?.className).toBeUndefined();
  });

  it('when an edge was drawn after the results then it is not dimmed (the results do not know it)', () => {
    const edges = [
      ...sampleGraph().edges,
      { id: 'http_1:error->block_ip_1', source: 'http_1', sourceHandle: 'error', target: 'block_ip_1' },
    ];
    expect(Object.keys(uncoveredEdges(edges, coverage))).toEqual(['condition_1:true->block_ip_1']);
  });

  it("when a case's trace is shown then its taken edges and node colours win over dimming", () => {
    const trace = {
      nodes: { http_1: { state: 'failed' as const } },
      edges: { 'condition_1:true->block_ip_1': 'taken' as const },
    };
    expect(testsOverlay(sampleGraph().edges, coverage, trace)).toEqual({
      nodes: { http_1: { state: 'failed' } },
      edges: { 'condition_1:true->block_ip_1': 'taken' },
    });
  });

  it('when there are neither results nor a trace then there is no overlay', () => {
    expect(testsOverlay(sampleGraph().edges, null, null)).toBeUndefined();
  });
});
