/**
 * The policy evaluator (issue 15 §2): every enabled safety policy checked on one document
 * by graph analysis alone, the same on the editor's draft, the review page and at publish.
 * Pure and deterministic: violations come in policy order, then by node id.
 */
import { effectOf } from '../diff/steps';
import type { Step, WorkflowDocument } from '../document';
import { buildGraph } from '../graph';
import { guardedViolations } from './guarded';
import { httpHostViolations } from './hosts';
import type { PolicyRule, PolicyContext, PolicyViolation, SafetyPolicy, StepMatcher } from './schema';
import { describeMatcher, stepName, type Finding, type RuleInput } from './rule-input';

/**
 * Checks `doc` against the enabled `policies`.
 *
 * @example evaluatePolicies(doc, DEFAULT_POLICIES, { maxDestructivePerRun: null })
 */
export function evaluatePolicies(
  doc: WorkflowDocument,
  policies: readonly SafetyPolicy[],
  context: PolicyContext,
): PolicyViolation[] {
  const enabled = policies.filter((p) => p.enabled);
  if (enabled.length === 0) return [];
  const graph = buildGraph(doc);
  const input: RuleInput = {
    doc,
    graph,
    context,
    matching: (matcher) =>
      Object.keys(doc.steps)
        .sort()
        .filter((id) => matches(doc.steps[id], matcher)),
    name: (id) => stepName(doc, id),
  };
  const violations: PolicyViolation[] = [];
  for (const policy of enabled) {
    const found = ruleFindings(policy.rule, input).sort((a, b) => compare(a.nodeId, b.nodeId));
    for (const f of found) violations.push({ policyId: policy.id, policyName: policy.name, ...f });
  }
  return violations;
}

function ruleFindings(rule: PolicyRule, input: RuleInput): Finding[] {
  switch (rule.kind) {
    case 'guarded':
      return guardedViolations(rule, input);
    case 'error-handled':
      return errorHandledViolations(rule, input);
    case 'loop-limited':
      return loopLimitedViolations(rule, input);
    case 'http-hosts':
      return httpHostViolations(rule, input);
  }
}

function matches(step: Step | undefined, matcher: StepMatcher): boolean {
  if (!step) return false;
  if (matcher.types && !matcher.types.includes(step.type)) return false;
  if (matcher.effects && !(matcher.effects as string[]).includes(effectOf(step))) return false;
  return true;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function errorHandledViolations(rule: Extract<PolicyRule, { kind: 'error-handled' }>, input: RuleInput): Finding[] {
  // The workflow's exception handler takes every failure nothing else handles.
  if (input.doc.onFailure) return [];
  return input.matching(rule.steps).flatMap((id) => {
    if ((input.doc.steps[id]?.transitions[rule.port] ?? []).length > 0) return [];
    const message = `${input.name(id)} ${describeMatcher(rule.steps)}, and its ${rule.port} port is not connected: a failure would go unreported`;
    return [{ nodeId: id, message }];
  });
}

function loopLimitedViolations(rule: Extract<PolicyRule, { kind: 'loop-limited' }>, input: RuleInput): Finding[] {
  const limit = input.context.maxDestructivePerRun;
  const limited = limit !== null && (rule.maxPerRun === undefined || limit <= rule.maxPerRun);
  if (limited) return [];
  // Policies written before the repeat-until loop said `foreach` for "a loop": it counts too.
  const kinds = new Set(rule.loops);
  if (kinds.has('foreach')) kinds.add('loop');
  const loops = [...input.graph.forEachBodies]
    .filter(([id]) => kinds.has(input.doc.steps[id]?.type ?? ''))
    .sort(([a], [b]) => compare(a, b));
  const why =
    limit === null
      ? 'the workflow has no limit of destructive actions per run'
      : `the workflow's limit of ${limit} destructive actions per run is above the policy's ${rule.maxPerRun ?? ''}`;
  return input.matching(rule.steps).flatMap((id) => {
    // the innermost loop around the step: the one with the smallest body holding it
    const around = loops.filter(([, body]) => body.has(id)).sort(([, a], [, b]) => a.size - b.size)[0];
    if (!around) return [];
    const isRound = input.doc.steps[around[0]]?.type === 'loop';
    const message = `${input.name(id)} ${describeMatcher(rule.steps)} and runs once per ${isRound ? 'round' : 'item'} of ${input.name(around[0])}, but ${why}`;
    return [{ nodeId: id, message, path: [around[0], id], ports: [isRound ? 'body' : 'item'] }];
  });
}
