/** Turning a `CanvasOverlay` into what React Flow draws: ghost nodes and decorated edges. */
import type { PolicyViolation } from '@autonomic/workflow';
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

/** Attributes of an edge on the drawn path (the `data-` one is what a browser test looks for). */
const ON_PATH = { 'data-policy-path': 'true', 'aria-roledescription': 'edge on the offending path' };

const pathKey = (source: string, port: string, target: string) => `${source}\u0000${port}\u0000${target}`;

/** The edges of an overlay's path, as source / port / target keys. */
function pathEdges(path: CanvasOverlay['path']): Set<string> {
  const keys = new Set<string>();
  if (!path) return keys;
  for (let i = 0; i + 1 < path.nodes.length; i++)
    keys.add(pathKey(path.nodes[i] ?? '', path.ports[i] ?? 'out', path.nodes[i + 1] ?? ''));
  return keys;
}

/**
 * Edges with their overlay class (`edge-taken`, `edge-added`, `edge-removed`), plus the
 * overlay's edges missing from the graph (removed in a diff) when both ends are drawn. The
 * edges of the overlay's path (matched by source, port and target) also get `edge-policy-path`.
 */
export function decoratedEdges(
  edges: FlowEdge[],
  overlay: CanvasOverlay | undefined,
  drawn: ReadonlySet<string>,
): FlowEdge[] {
  const marks = overlay?.edges ?? {};
  const onPath = pathEdges(overlay?.path);
  if (!overlay?.edges && onPath.size === 0) return edges;
  const present = new Set(edges.map((e) => e.id));
  const decorated = edges.map((e) => {
    const mark = marks[e.id];
    const path = onPath.has(pathKey(e.source, e.sourceHandle ?? 'out', e.target));
    if (!mark && !path) return e;
    const classes = [mark ? `edge-${mark}` : '', path ? 'edge-policy-path' : ''].filter(Boolean).join(' ');
    return {
      ...e,
      className: classes,
      animated: mark === 'taken',
      ...(path ? { domAttributes: ON_PATH, zIndex: 1 } : {}),
    };
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

/** The overlay with a violation's offending path on top (unchanged when it has no path to draw). */
export function withViolationPath(
  overlay: CanvasOverlay | undefined,
  violation: Pick<PolicyViolation, 'path' | 'ports'> | null,
): CanvasOverlay | undefined {
  if (!violation?.path || violation.path.length < 2) return overlay;
  return { ...(overlay ?? { nodes: {} }), path: { nodes: violation.path, ports: violation.ports ?? [] } };
}

/** The kind a ghost would have had: whether it shows an input handle. */
export function ghostHasInput(nodeType: string): boolean {
  return canvasKindOf(nodeType) !== 'trigger';
}
