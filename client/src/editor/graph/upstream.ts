import type { FlowEdge } from '../types';

/** Every node from which `id` can be reached by following edges (its possible predecessors). */
export function upstreamOf(edges: readonly FlowEdge[], id: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const e of edges) {
    const list = into.get(e.target);
    if (list) list.push(e.source);
    else into.set(e.target, [e.source]);
  }
  const seen = new Set<string>();
  const stack = [...(into.get(id) ?? [])];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === undefined || seen.has(n)) continue;
    seen.add(n);
    stack.push(...(into.get(n) ?? []));
  }
  seen.delete(id);
  return seen;
}
