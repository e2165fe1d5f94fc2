import type { WorkflowDocument } from './document';

/** One transition: `from` --port--> `to`. */
export interface Edge {
  from: string;
  port: string;
  to: string;
}

/** The document's wiring as an adjacency structure; built once, read by validator and engine. */
export interface WorkflowGraph {
  triggerId: string;
  edges: Edge[];
  /** node id → its outgoing edges, in port then target order. */
  out: Map<string, Edge[]>;
  /** node id → its incoming edges. */
  in: Map<string, Edge[]>;
  /**
   * for-each (and bounded loop) id → the steps of its body (reachable from `item`, a
   * loop's `body`, without passing the node).
   */
  forEachBodies: Map<string, Set<string>>;
}

/**
 * What a graph is built from: ids, step types and transitions. A parsed document has it;
 * so has the validator's lenient view of a document zod refused.
 */
export interface Wiring {
  trigger: { id: string; transitions: Record<string, string[]> };
  steps: Record<string, { type: string; transitions: Record<string, string[]> }>;
}

/** Node types whose body returns to them, and the port the body starts at. */
export const BODY_PORTS: Readonly<Record<string, string>> = { foreach: 'item', loop: 'body' };

export function buildGraph(doc: Pick<WorkflowDocument, 'trigger' | 'steps'> | Wiring): WorkflowGraph {
  const edges: Edge[] = [];
  const add = (from: string, transitions: Record<string, string[]>) => {
    for (const port of Object.keys(transitions).sort()) {
      for (const to of transitions[port] ?? []) edges.push({ from, port, to });
    }
  };
  add(doc.trigger.id, doc.trigger.transitions);
  for (const id of Object.keys(doc.steps).sort()) add(id, doc.steps[id]?.transitions ?? {});

  const out = new Map<string, Edge[]>();
  const inn = new Map<string, Edge[]>();
  for (const e of edges) {
    push(out, e.from, e);
    push(inn, e.to, e);
  }

  const forEachBodies = new Map<string, Set<string>>();
  for (const [id, step] of Object.entries(doc.steps)) {
    const bodyPort = BODY_PORTS[step.type];
    if (bodyPort === undefined) continue;
    const body = new Set<string>();
    const stack = (out.get(id) ?? []).filter((e) => e.port === bodyPort).map((e) => e.to);
    while (stack.length > 0) {
      const n = stack.pop() as string;
      if (n === id || body.has(n)) continue;
      body.add(n);
      for (const e of out.get(n) ?? []) stack.push(e.to);
    }
    forEachBodies.set(id, body);
  }
  return { triggerId: doc.trigger.id, edges, out, in: inn, forEachBodies };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Ids reachable from `start` following transitions (start excluded unless on a cycle). */
export function reachableFrom(graph: WorkflowGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = (graph.out.get(start) ?? []).map((e) => e.to);
  while (stack.length > 0) {
    const n = stack.pop() as string;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const e of graph.out.get(n) ?? []) stack.push(e.to);
  }
  return seen;
}

/** True when the edge closes a for-each loop: from inside the body back to its for-each. */
export function isLoopBackEdge(graph: WorkflowGraph, e: Edge): boolean {
  return graph.forEachBodies.get(e.to)?.has(e.from) ?? false;
}
