/** Turning a `CanvasOverlay` into what React Flow draws: ghost nodes and decorated edges. */
import type { CanvasOverlay } from '../contracts';
import { canvasKindOf } from '../graph/ports';
import type { FlowEdge, FlowNode } from '../types';

export type GhostNode = Omit<FlowNode, 'type'> & { type: 'ghost' };

/** Removed nodes as ghosts: drawn, never dragged, selected or connected. */
export function ghostNodes(overlay: CanvasOverlay | undefined): GhostNode[] {
  return (overlay?.ghosts ?? []).map((g) => ({
    id: g.id,
    type: 'ghost',
    position: { ...g.position },
    draggable: false,
    selectable: false,
    connectable: false,
    deletable: false,
    data: {
      nodeType: g.data.nodeType,
      ...(g.data.label === undefined ? {} : { label: g.data.label }),
      params:
        typeof g.data.params === 'object' && g.data.params !== null
          ? Object.fromEntries(Object.entries(g.data.params))
          : {},
      ...(g.data.text === undefined ? {} : { text: g.data.text }),
    },
  }));
}

const EDGE_ID = /^(.+):([a-z][a-z0-9_]{0,31})->(.+)$/;

/**
 * Edges with their overlay class (`edge-taken`, `edge-added`, `edge-removed`), plus the
 * overlay's edges missing from the graph (removed in a diff) when both ends are drawn.
 */
export function decoratedEdges(
  edges: FlowEdge[],
  overlay: CanvasOverlay | undefined,
  drawn: ReadonlySet<string>,
): FlowEdge[] {
  const marks = overlay?.edges;
  if (!marks) return edges;
  const present = new Set(edges.map((e) => e.id));
  const decorated = edges.map((e) => {
    const mark = marks[e.id];
    return mark ? { ...e, className: `edge-${mark}`, animated: mark === 'taken' } : e;
  });
  const missing = Object.entries(marks).flatMap(([id, mark]): FlowEdge[] => {
    const m = EDGE_ID.exec(id);
    if (present.has(id) || !m) return [];
    const [, source = '', port = 'out', target = ''] = m;
    if (!drawn.has(source) || !drawn.has(target)) return [];
    return [{ id, source, target, sourceHandle: port, className: `edge-${mark}`, selectable: false, focusable: false }];
  });
  return [...decorated, ...missing];
}

/** The kind a ghost would have had: whether it shows an input handle. */
export function ghostHasInput(nodeType: string): boolean {
  return canvasKindOf(nodeType) !== 'trigger';
}
