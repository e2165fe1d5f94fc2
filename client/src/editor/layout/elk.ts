/**
 * Left-to-right layered layout with elkjs. ELK is loaded on first use (it is large) and
 * runs off the command: the result is applied as one `moveNodes`, so it undoes in one step.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { portsOfNode } from '../graph/ports';
import { NODE_SIZE, type Graph, type XY } from '../types';

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

type Layout = (graph: ElkNode) => Promise<ElkNode>;
let engine: Promise<Layout> | null = null;

function elk(): Promise<Layout> {
  engine ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => {
    const instance = new ELK();
    return (g: ElkNode) => instance.layout(g);
  });
  return engine;
}

/** The ELK graph of the steps and trigger (notes keep their place), ports in their canvas order. */
export function toElkGraph(graph: Graph): ElkNode {
  const wired = graph.nodes.filter((n) => n.type !== 'note');
  const ids = new Set(wired.map((n) => n.id));
  const children: ElkNode[] = wired.map((n) => ({
    id: n.id,
    width: n.measured?.width ?? n.width ?? NODE_SIZE.width,
    height: n.measured?.height ?? n.height ?? NODE_SIZE.height,
    layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
    ports: [
      { id: `${n.id}::in`, layoutOptions: { 'elk.port.side': 'WEST' } },
      ...portsOfNode(n.data.nodeType, n.data.params).map((p, i) => ({
        id: `${n.id}::${p.id}`,
        layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
      })),
    ],
  }));
  const portIds = new Set(children.flatMap((c) => (c.ports ?? []).map((p) => p.id)));
  const edges: ElkExtendedEdge[] = graph.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => {
      const port = `${e.source}::${e.sourceHandle || 'out'}`;
      return { id: e.id, sources: [portIds.has(port) ? port : e.source], targets: [`${e.target}::in`] };
    });
  return { id: 'root', layoutOptions: OPTIONS, children, edges };
}

/**
 * New top-left positions for every step and the trigger, placed where the graph's
 * top-left corner was so that the view does not jump.
 */
export async function computeLayout(graph: Graph): Promise<Record<string, XY>> {
  const wired = graph.nodes.filter((n) => n.type !== 'note');
  if (wired.length === 0) return {};
  const origin = {
    x: Math.min(...wired.map((n) => n.position.x)),
    y: Math.min(...wired.map((n) => n.position.y)),
  };
  const laid = await (await elk())(toElkGraph(graph));
  return Object.fromEntries(
    (laid.children ?? []).map((c) => [
      c.id,
      { x: Math.round(origin.x + (c.x ?? 0)), y: Math.round(origin.y + (c.y ?? 0)) },
    ]),
  );
}
