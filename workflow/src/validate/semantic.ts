import type { Problem } from '../problem';
import { errorPathTest, upstreamTest } from './ancestors';
import { expressionProblems } from './expressions';
import { LIMITS } from './limits';
import { cycleProblems, forEachLeakProblems, unreachableProblems } from './flow';
import { nodeRuleProblems } from './node-rules';
import type { DocumentView } from './view';
import { graphOfView, joinProblems, wiringProblems } from './wiring';

/**
 * Every semantic problem of a document: wiring, flow, expressions and node rules.
 * Each check reports on its own, so one broken edge never hides a bad expression.
 */
export function semanticProblems(view: DocumentView): Problem[] {
  const problems = [...wiringProblems(view), ...nodeRuleProblems(view)];
  if (!view.trigger) return [...problems, ...expressionProblems(view, undefined)];
  const graph = graphOfView(view, view.trigger.id);
  const stepIds = [...view.steps.keys()];
  const ids = [view.trigger.id, ...stepIds.filter((id) => id !== view.trigger?.id)];
  problems.push(
    ...joinProblems(view, graph),
    ...unreachableProblems(graph, stepIds),
    ...cycleProblems(graph, ids),
    ...forEachLeakProblems(graph),
    ...expressionProblems(view, upstreamTest(graph, ids), LIMITS.maxExpressions, errorPathTest(graph)),
  );
  return problems;
}
