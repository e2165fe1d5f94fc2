/**
 * The `guarded` rule: every path from the trigger to a matching step passes a guard. Seen
 * as reachability: remove the edges that leave a guard by a guarding port; a matching step
 * still reachable from the trigger has an unguarded path, and the shortest one (BFS) is
 * reported with the port of each edge so that the editor can draw it.
 */
import { parseExpression, splitTemplate, stepOutputReads } from '../expression';
import type { Edge } from '../graph';
import { isLoopBackEdge } from '../graph';
import { nodeDefinition } from '../nodes';
import { paramsJsonSchema, widgetFields } from '../validate/schema-walk';
import { describeMatcher, type Finding, type RuleInput } from './rule-input';
import type { GuardMatcher, PolicyRule } from './schema';

export function guardedViolations(rule: Extract<PolicyRule, { kind: 'guarded' }>, input: RuleInput): Finding[] {
  const targets = input.matching(rule.steps);
  if (targets.length === 0) return [];
  const { doc, graph } = input;
  const guardEdge = (e: Edge) => rule.guards.some((g) => guards(g, e, input));
  // BFS from the trigger without guard edges; loop-back edges only return to a for-each already reached
  const via = new Map<string, Edge>();
  const seen = new Set([graph.triggerId]);
  const queue = [graph.triggerId];
  for (let i = 0; i < queue.length; i++) {
    for (const e of graph.out.get(queue[i] as string) ?? []) {
      if (seen.has(e.to) || guardEdge(e) || isLoopBackEdge(graph, e)) continue;
      seen.add(e.to);
      via.set(e.to, e);
      queue.push(e.to);
    }
  }
  const guardWords = rule.guards.map(describeGuard).join(' or ');
  return targets.flatMap((id) => {
    if (!seen.has(id) || !doc.steps[id]) return [];
    const path = [id];
    const ports: string[] = [];
    for (let e = via.get(id); e; e = via.get(e.from)) {
      path.unshift(e.from);
      ports.unshift(e.port);
    }
    const message = `${input.name(id)} ${describeMatcher(rule.steps)}, and a path from the trigger reaches it without ${guardWords}: ${path.join(' → ')}`;
    return [{ nodeId: id, message, path, ports }];
  });
}

/** Whether the edge leaves a step that is this guard, by a guarding port. */
function guards(g: GuardMatcher, e: Edge, input: RuleInput): boolean {
  const step = input.doc.steps[e.from];
  if (!step || step.type !== g.type) return false;
  if (g.ports && !g.ports.includes(e.port)) return false;
  if (!g.reads) return true;
  const { type, field } = g.reads;
  return expressionReads(step.type, step.params).some(
    (r) => r.field === field && input.doc.steps[r.stepId]?.type === type,
  );
}

/** Every `steps.<id>.output.<field>` read by the step's expression and template params. */
function expressionReads(type: string, params: unknown): Array<{ stepId: string; field: string }> {
  const def = nodeDefinition(type);
  if (!def) return [];
  const reads: Array<{ stepId: string; field: string }> = [];
  for (const f of widgetFields(paramsJsonSchema(def), params)) {
    if (typeof f.value !== 'string') continue;
    const sources =
      f.widget === 'expression'
        ? [f.value]
        : f.widget === 'template'
          ? splitTemplate(f.value).flatMap((p) => (p.kind === 'expr' ? [p.source] : []))
          : [];
    for (const source of sources) {
      const parsed = parseExpression(source);
      if (parsed.ok) reads.push(...stepOutputReads(parsed.ast));
    }
  }
  return reads;
}

/** "an approval", "an auto-OK check": a guard in words. */
function describeGuard(g: GuardMatcher): string {
  if (g.type === 'approval') return 'an approval';
  if (g.reads?.field === 'autoOk') return 'an auto-OK check';
  const reads = g.reads ? ` on a ${g.reads.type}'s ${g.reads.field}` : '';
  return `a ${g.type} step${reads}`;
}
