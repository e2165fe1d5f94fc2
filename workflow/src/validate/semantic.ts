import type { Problem } from '../problem';
import { errorPathTest, upstreamTest } from './ancestors';
import { expressionProblems } from './expressions';
import { LIMITS } from './limits';
import { cycleProblems, forEachLeakProblems, unreachableProblems } from './flow';
import { nodeRuleProblems } from './node-rules';
import type { DocumentView } from './view';
import { graphOfView, joinProblems, onFailureProblems, wiringProblems } from './wiring';

/**
 * Every semantic problem of a document: wiring, flow, expressions and node rules.
 * Each check reports on its own, so one broken edge never hides a bad expression.
 */
export function semanticProblems(view: DocumentView): Problem[] {
  const problems = [...wiringProblems(view), ...nodeRuleProblems(view), ...onFailureProblems(view)];
  if (!view.trigger) return [...problems, ...expressionProblems(view, undefined)];
  const graph = graphOfView(view, view.trigger.id);
  const stepIds = [...view.steps.keys()];
  const ids = [view.trigger.id, ...stepIds.filter((id) => id !== view.trigger?.id)];
  const upstream = upstreamTest(graph, ids);
  // A loop's condition (a for-each's `breakWhen`, a repeat's `until`) is asked after its
  // body ran, so the body's steps count as upstream of the loop node itself.
  const upstreamOrBody = (ref: string, node: string) =>
    upstream(ref, node) || (graph.forEachBodies.get(node)?.has(ref) ?? false);
  problems.push(
    ...joinProblems(view, graph),
    ...unreachableProblems(graph, stepIds),
    ...cycleProblems(graph, ids),
    ...forEachLeakProblems(graph),
    ...expressionProblems(view, upstreamOrBody, LIMITS.maxExpressions, errorPathTest(graph)),
  );
  return problems;
}
