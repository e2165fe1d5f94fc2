import { idBase, idsOf, freshId } from '../graph/ids';
import { mapStrings } from '../graph/json';
import { canvasKindOf, edgeId } from '../graph/ports';
import type { Command, FlowEdge, FlowNode, Graph, XY } from '../types';
import type { ClipboardPayload } from './clipboard';
import { selectOnly } from './helpers';

/** Offset of a paste without a target point, and of a duplicate. */
export const PASTE_OFFSET: XY = { x: 40, y: 40 };

/** Rewrites `steps.<old>` references to the copied nodes' new ids inside params. */
function renameRefs(params: Record<string, unknown>, ids: ReadonlyMap<string, string>): Record<string, unknown> {
  if (ids.size === 0) return params;
  const pattern = new RegExp(`\\bsteps\\.(${[...ids.keys()].join('|')})\\b`, 'g');
  const rename = (s: string) => s.replace(pattern, (_m, old: string) => `steps.${ids.get(old) ?? old}`);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, mapStrings(v, rename)]));
}

function topLeft(nodes: readonly { position: XY }[]): XY {
  return {
    x: Math.min(...nodes.map((n) => n.position.x)),
    y: Math.min(...nodes.map((n) => n.position.y)),
  };
}

/**
 * Adds the payload's nodes with fresh ids and the edges between them, selected alone.
 * `at` puts the group's top-left corner there; without it the group lands offset from
 * where it was copied. Expressions that referred to a copied step follow its new id.
 */
export const paste: Command<{ payload: ClipboardPayload; at?: XY }> = (graph: Graph, { payload, at }) => {
  if (payload.nodes.length === 0) return graph;
  const taken = idsOf(graph.nodes);
  const ids = new Map<string, string>();
  for (const n of payload.nodes) ids.set(n.id, freshId(taken, idBase(n.data.nodeType)));
  const origin = topLeft(payload.nodes);
  const shift = at ? { x: at.x - origin.x, y: at.y - origin.y } : PASTE_OFFSET;
  const stepIds = new Map(
    [...ids].filter(([old]) => payload.nodes.some((n) => n.id === old && n.data.nodeType !== 'note')),
  );
  const added = payload.nodes.map((n): FlowNode => ({
    id: ids.get(n.id) ?? n.id,
    type: canvasKindOf(n.data.nodeType),
    position: { x: n.position.x + shift.x, y: n.position.y + shift.y },
    ...(n.width === undefined ? {} : { width: n.width }),
    ...(n.height === undefined ? {} : { height: n.height }),
    selected: true,
    data:
      n.data.params === undefined
        ? structuredClone(n.data)
        : { ...structuredClone(n.data), params: renameRefs(structuredClone(n.data.params), stepIds) },
  }));
  const edges = payload.edges.flatMap((e): FlowEdge[] => {
    const source = ids.get(e.source);
    const target = ids.get(e.target);
    if (!source || !target) return [];
    return [{ id: edgeId(source, e.sourceHandle, target), source, sourceHandle: e.sourceHandle, target }];
  });
  return {
    ...graph,
    nodes: [...selectOnly(graph.nodes, new Set()), ...added],
    edges: [...graph.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges],
  };
};
