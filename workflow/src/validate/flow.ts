import { isLoopBackEdge, reachableFrom, type Edge, type WorkflowGraph } from '../graph';
import type { Problem } from '../problem';

/** Steps the trigger never leads to: dead weight, or a forgotten edge. */
export function unreachableProblems(graph: WorkflowGraph, stepIds: Iterable<string>): Problem[] {
  const reachable = reachableFrom(graph, graph.triggerId);
  const problems: Problem[] = [];
  for (const id of stepIds) {
    if (!reachable.has(id)) problems.push({ nodeId: id, path: '', message: 'not reachable from the trigger' });
  }
  return problems;
}

/** Edges a run follows forward: everything but the edges closing a for-each body. */
export function forwardEdges(graph: WorkflowGraph, id: string): Edge[] {
  return (graph.out.get(id) ?? []).filter((e) => !isLoopBackEdge(graph, e));
}

/**
 * Strongly connected components with a cycle in them (Tarjan, iterative so that a long
 * chain cannot overflow the stack), loop-back edges excluded.
 */
export function cycles(graph: WorkflowGraph, ids: readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; edges: Edge[]; i: number }> = [];
    const enter = (id: string) => {
      index.set(id, next);
      low.set(id, next++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, edges: forwardEdges(graph, id), i: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (!top) break;
      const edge = top.edges[top.i++];
      if (edge) {
        if (!index.has(edge.to)) enter(edge.to);
        else if (onStack.has(edge.to)) low.set(top.id, Math.min(low.get(top.id) ?? 0, index.get(edge.to) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(top.id) ?? 0));
      if (low.get(top.id) !== index.get(top.id)) continue;
      const component: string[] = [];
      for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
        onStack.delete(n);
        component.push(n);
        if (n === top.id) break;
      }
      const selfLoop = top.edges.some((e) => e.to === top.id);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  }
  return found;
}

const list = (ids: readonly string[]) =>
  ids.length > 8 ? `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more` : ids.join(', ');

/** One problem per node of a cycle, so that the editor marks each of them. */
export function cycleProblems(graph: WorkflowGraph, ids: readonly string[]): Problem[] {
  return cycles(graph, ids).flatMap((component) =>
    component.map((id) => ({
      nodeId: id,
      path: '',
      message: `part of a cycle through ${list(component)}; only the body of a for-each or a repeat-until loop may loop, back to its node`,
    })),
  );
}

const MAX_LEAKS_REPORTED = 5;

/**
 * A for-each (or repeat-until loop) body must end by returning to its node or by ending. A body step that
 * is also entered from outside the body (the `done` branch, the main line) would run
 * both once per item and once after the loop.
 */
export function forEachLeakProblems(graph: WorkflowGraph): Problem[] {
  const reachable = reachableFrom(graph, graph.triggerId);
  const problems: Problem[] = [];
  for (const [forEach, body] of [...graph.forEachBodies].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const shared = [...body]
      .sort()
      .filter((id) =>
        (graph.in.get(id) ?? []).some(
          (e) =>
            !body.has(e.from) &&
            !(e.from === forEach && (e.port === 'item' || e.port === 'body')) &&
            (reachable.has(e.from) || e.from === graph.triggerId),
        ),
      );
    const isLoop = (graph.out.get(forEach) ?? []).some((e) => e.port === 'body');
    // The first few places say enough; a body leaking into a long main line would list all of it.
    for (const id of shared.slice(0, MAX_LEAKS_REPORTED)) {
      problems.push({
        nodeId: forEach,
        path: isLoop ? 'transitions.body' : 'transitions.item',
        message: `the ${isLoop ? 'loop' : 'for-each'} body reaches "${id}", which is also reached from outside the body; end the body by returning to "${forEach}" or with an End step`,
      });
    }
  }
  return problems;
}
