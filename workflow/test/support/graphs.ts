import fc from 'fast-check';
import type { EditorEdge, EditorGraph, EditorNode } from '../../src/compile/types';

/** Valid params per node type, so that random graphs are mostly about their wiring. */
const STEP_KINDS: ReadonlyArray<{ nodeType: string; params: Record<string, unknown>; ports: string[] }> = [
  { nodeType: 'transform', params: { expression: 'event.x' }, ports: ['out', 'error'] },
  { nodeType: 'condition', params: { predicate: 'event.a > 1' }, ports: ['true', 'false', 'error'] },
  { nodeType: 'parallel', params: {}, ports: ['branches'] },
  { nodeType: 'join', params: { mode: 'any' }, ports: ['out'] },
  { nodeType: 'foreach', params: { items: 'event.list' }, ports: ['item', 'done'] },
  { nodeType: 'http', params: { url: 'https://x.example/{{ event.id }}' }, ports: ['out', 'error'] },
  { nodeType: 'end', params: { status: 'failed' }, ports: [] },
  { nodeType: 'switch', params: { value: 'event.k', cases: [{ port: 'a', equals: 'a' }] }, ports: ['a', 'default'] },
];

/** A random editor graph: a trigger, 1–12 steps, random edges between them, maybe a note. */
export const arbitraryGraph: fc.Arbitrary<EditorGraph> = fc
  .record({
    kinds: fc.array(fc.nat(STEP_KINDS.length - 1), { minLength: 1, maxLength: 12 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { maxLength: 30 }),
    notes: fc.nat(2),
  })
  .map(({ kinds, edges, notes }) => {
    const nodes: EditorNode[] = [
      { id: 't', position: { x: 0, y: 0 }, data: { nodeType: 'trigger.manual', params: {} } },
      ...kinds.map((k, i) => {
        const kind = STEP_KINDS[k] ?? STEP_KINDS[0];
        return {
          id: `s${i}`,
          position: { x: i, y: 0 },
          data: { nodeType: kind?.nodeType ?? '', params: kind?.params },
        };
      }),
      ...Array.from({ length: notes }, (_, i) => ({
        id: `note${i}`,
        type: 'note',
        position: { x: 0, y: i },
        data: { nodeType: 'note', text: `note ${i}` },
      })),
    ];
    const logic = nodes.filter((n) => n.type !== 'note');
    const graphEdges: EditorEdge[] = edges.map(([s, t, p, implicit], i) => {
      const source = logic[s % logic.length];
      const target = logic[1 + (t % (logic.length - 1))];
      const ports = source?.id === 't' ? ['out'] : (STEP_KINDS[kinds[Number(source?.id.slice(1))] ?? 0]?.ports ?? []);
      const port = ports.length === 0 ? 'out' : ports[p % ports.length];
      return {
        id: `e${i}`,
        source: source?.id ?? 't',
        target: target?.id ?? 't',
        sourceHandle: implicit && port === 'out' ? null : port,
      };
    });
    return { nodes, edges: graphEdges, metadata: { name: 'random' } };
  });

/** Deterministic Fisher–Yates from a seed, so a failing case replays. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The same graph, drawn in another order and moved around. */
export function redrawn(graph: EditorGraph, seed: number): EditorGraph {
  return {
    ...graph,
    nodes: shuffled(graph.nodes, seed).map((n, i) => ({ ...n, position: { x: (seed % 997) * i, y: -i * seed } })),
    edges: shuffled(graph.edges, seed ^ 0x5bd1e995),
  };
}
