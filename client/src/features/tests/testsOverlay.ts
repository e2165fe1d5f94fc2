/** Test results drawn on the editor's canvas: edges no case went along dimmed, one case's path on top. */
import type { CoverageView } from '@autonomic/api';
import type { CanvasOverlay } from '../../editor';

type EdgeLike = { id: string; source: string; sourceHandle?: string | null | undefined; target: string };

/**
 * The canvas edges that coverage lists with no case, marked `uncovered` (matched by
 * from / port / to; an edge the results do not know, drawn since, is left as it is).
 */
export function uncoveredEdges(edges: readonly EdgeLike[], coverage: CoverageView): Record<string, 'uncovered'> {
  const cases = new Map(coverage.edges.map((e) => [`${e.from}\u0000${e.port}\u0000${e.to}`, e.cases.length]));
  const marks: Record<string, 'uncovered'> = {};
  for (const e of edges) {
    if (cases.get(`${e.source}\u0000${e.sourceHandle ?? 'out'}\u0000${e.target}`) === 0) marks[e.id] = 'uncovered';
  }
  return marks;
}

/** Coverage under a case's trace: the trace's node colours and taken edges win over dimming. */
export function testsOverlay(
  edges: readonly EdgeLike[],
  coverage: CoverageView | null,
  trace: CanvasOverlay | null,
): CanvasOverlay | undefined {
  if (!coverage && !trace) return undefined;
  return {
    nodes: trace?.nodes ?? {},
    edges: { ...(coverage ? uncoveredEdges(edges, coverage) : {}), ...trace?.edges },
  };
}
