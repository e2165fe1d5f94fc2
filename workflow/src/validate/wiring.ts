import { buildGraph, type WorkflowGraph } from '../graph';
import { portsOf, type PortSpec } from '../nodes';
import { WORKFLOW_NODE, type Problem } from '../problem';
import type { DocumentView, NodeView } from './view';

/** Ports of a node, when its type is known and its params valid enough to ask. */
export function portsOfView(node: NodeView): PortSpec[] | undefined {
  return node.def && node.valid ? portsOf(node.def, node.params) : undefined;
}

function portProblems(node: NodeView, view: DocumentView, triggerId: string | undefined): Problem[] {
  const problems: Problem[] = [];
  const at = (path: string, message: string) => problems.push({ nodeId: node.id, path, message });
  const ports = portsOfView(node);
  const byId = new Map((ports ?? []).map((p) => [p.id, p]));
  for (const port of Object.keys(node.transitions).sort()) {
    const targets = node.transitions[port] ?? [];
    const spec = byId.get(port);
    if (ports && !spec && targets.length > 0) {
      const known = ports.map((p) => p.id).join(', ') || 'none';
      at(`transitions.${port}`, `"${port}" is not a port of ${node.type} (ports: ${known})`);
    }
    if (spec && !spec.multiple && targets.length > 1) {
      at(`transitions.${port}`, `port "${port}" may lead to one step only (it leads to ${targets.length})`);
    }
    const seen = new Set<string>();
    targets.forEach((to, i) => {
      if (seen.has(to)) at(`transitions.${port}.${i}`, `port "${port}" leads to "${to}" twice`);
      seen.add(to);
      if (to === triggerId && !view.steps.has(to)) {
        at(`transitions.${port}.${i}`, `port "${port}" leads back to the trigger "${to}"`);
      } else if (!view.steps.has(to)) at(`transitions.${port}.${i}`, `port "${port}" leads to missing step "${to}"`);
    });
  }
  for (const spec of ports ?? []) {
    if (spec.required && (node.transitions[spec.id]?.length ?? 0) === 0) {
      at(`transitions.${spec.id}`, `required port "${spec.id}" is not connected`);
    }
  }
  // One branch is no fan-out; none at all is already the required-port problem above.
  if (node.type === 'parallel' && node.transitions['branches']?.length === 1) {
    at('transitions.branches', 'a parallel needs at least 2 branches (it has 1)');
  }
  return problems;
}

/** Port and target problems of every node, and a trigger id shared with a step. */
export function wiringProblems(view: DocumentView): Problem[] {
  const { trigger } = view;
  const problems: Problem[] = [];
  if (trigger && view.steps.has(trigger.id)) {
    problems.push({ nodeId: trigger.id, path: 'id', message: `the trigger id "${trigger.id}" is also a step id` });
  }
  if (trigger) problems.push(...portProblems(trigger, view, trigger.id));
  for (const step of view.steps.values()) problems.push(...portProblems(step, view, trigger?.id));
  return problems;
}

/**
 * The graph of the transitions that lead somewhere: edges to missing steps or back to
 * the trigger are reported above and left out, so later checks need not guard for them.
 * The exception handler's step is an entry like the trigger's own (a run may start over
 * there), so it counts as reachable and sees only what is upstream of it.
 */
export function graphOfView(view: DocumentView, triggerId: string): WorkflowGraph {
  const keep = (transitions: Record<string, string[]>) =>
    Object.fromEntries(
      Object.entries(transitions).map(([port, targets]) => [port, targets.filter((t) => view.steps.has(t))]),
    );
  const steps = [...view.steps.values()].map((s): [string, { type: string; transitions: Record<string, string[]> }] => [
    s.id,
    { type: s.type, transitions: keep(s.transitions) },
  ]);
  const handler = typeof view.onFailure === 'string' && view.steps.has(view.onFailure) ? [view.onFailure] : [];
  const triggerTransitions = keep(view.trigger?.transitions ?? {});
  return buildGraph({
    trigger: {
      id: triggerId,
      transitions: handler.length > 0 ? { ...triggerTransitions, [ON_FAILURE_PORT]: handler } : triggerTransitions,
    },
    steps: Object.fromEntries(steps),
  });
}

/** The pseudo-port of the trigger leading to the exception handler in a validation graph. */
export const ON_FAILURE_PORT = '#onFailure';

/** `onFailure.continueAt` names a step of the document. */
export function onFailureProblems(view: DocumentView): Problem[] {
  const at = view.onFailure;
  if (at === undefined || (typeof at === 'string' && view.steps.has(at))) return [];
  const named = typeof at === 'string' ? `"${at}", which is not a step of this workflow` : 'no step';
  return [
    {
      nodeId: WORKFLOW_NODE,
      path: 'onFailure.continueAt',
      message: `the failure handler must continue at one of the workflow's steps; it names ${named}`,
    },
  ];
}

/** Joins fed by fewer than two edges: nothing to join. */
export function joinProblems(view: DocumentView, graph: WorkflowGraph): Problem[] {
  const problems: Problem[] = [];
  for (const step of view.steps.values()) {
    if (step.type !== 'join') continue;
    const incoming = graph.in.get(step.id)?.filter((e) => e.port !== ON_FAILURE_PORT).length ?? 0;
    if (incoming < 2) {
      problems.push({
        nodeId: step.id,
        path: '',
        message: `a join needs at least 2 incoming branches (it has ${incoming})`,
      });
    }
  }
  return problems;
}
