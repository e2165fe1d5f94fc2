/**
 * Safety policies checked at edit time (issue 15 §2): the page loads the organisation's
 * policies once, and every validation evaluates the draft against them, memoised on the
 * document's hash so that a move or a selection never re-runs the graph analysis.
 */
import {
  evaluatePolicies,
  type PolicyContext,
  type PolicyViolation,
  type SafetyPolicy,
  type WorkflowDocument,
} from '@autonomic/workflow';

/** What the draft is checked against: the policies and the workflow's settings they read. */
export interface PolicySetup {
  policies: readonly SafetyPolicy[];
  context: PolicyContext;
}

/**
 * A checker with a memory of one: the same document hash with the same setup answers the
 * same array (so that subscribers see no change).
 */
export function createPolicyChecker() {
  let last: { hash: string; setup: PolicySetup; violations: PolicyViolation[] } | null = null;
  return (doc: WorkflowDocument | undefined, hash: string | undefined, setup: PolicySetup | null) => {
    // A draft the schema rejects has no document to analyse; its problems say why.
    if (!setup || !doc || !hash) return [];
    if (last && last.hash === hash && last.setup === setup) return last.violations;
    last = { hash, setup, violations: evaluatePolicies(doc, setup.policies, setup.context) };
    return last.violations;
  };
}

export function violationsByNode(violations: readonly PolicyViolation[]): Map<string, PolicyViolation[]> {
  const map = new Map<string, PolicyViolation[]>();
  for (const v of violations) {
    const list = map.get(v.nodeId);
    if (list) list.push(v);
    else map.set(v.nodeId, [v]);
  }
  return map;
}

const sameViolation = (a: PolicyViolation, b: PolicyViolation) => a.policyId === b.policyId && a.nodeId === b.nodeId;

/** The focused violation carried over to a new check (the same policy on the same step), or null. */
export function refocus(focus: PolicyViolation | null, violations: readonly PolicyViolation[]): PolicyViolation | null {
  return focus ? (violations.find((v) => sameViolation(v, focus)) ?? null) : null;
}

/**
 * The violation whose path the canvas draws: with one node selected, the violation chosen
 * in the problems list when it is that node's, else that node's first one with a path.
 */
export function shownViolation(s: {
  selection: { nodes: readonly string[] };
  focusedViolation: PolicyViolation | null;
  violationsByNode: ReadonlyMap<string, PolicyViolation[]>;
}): PolicyViolation | null {
  const selected = s.selection.nodes.length === 1 ? s.selection.nodes[0] : undefined;
  if (selected === undefined) return null;
  if (s.focusedViolation?.nodeId === selected) return s.focusedViolation;
  return s.violationsByNode.get(selected)?.find((v) => (v.path?.length ?? 0) > 1) ?? null;
}
