import { logicOf } from './canonical';
import type { WorkflowDocument } from './document';
import { diffConnectors } from './diff/connectors';
import { riskReasons } from './diff/risk';
import { diffSteps, diffTrigger } from './diff/steps';
import type { TestCase } from './cases/schema';
import type { TestsChange, WorkflowDiff } from './diff/types';
import { diffValues, jsonEqual } from './diff/values';

export type * from './diff/types';
export { connectorRiskReason, withConnectorFit } from './diff/connectors';

/**
 * The semantic difference between two versions of a workflow, as a reviewer reads it:
 * what changed in metadata, trigger, steps, vars and test cases, and whether the change is
 * high risk (destructive actions, weakened approvals, reads turned into writes, connector
 * upgrades whose action does more or acts on something else).
 *
 * The `ui` block is ignored: moving nodes or editing sticky notes gives `isEmpty: true`.
 * Both documents are expected parsed (defaults filled in), so that writing a default
 * out explicitly is not reported as a change.
 *
 * @example
 * const d = diffWorkflows(published, draft);
 * if (d.risk === 'high') console.log(d.riskReasons.join('\n'));
 */
export function diffWorkflows(a: WorkflowDocument, b: WorkflowDocument): WorkflowDiff {
  const before = logicOf(a);
  const after = logicOf(b);
  const steps = diffSteps(before.steps, after.steps);
  const connectors = diffConnectors(before.steps, after.steps);
  const reasons = riskReasons(a, b, steps, connectors);
  const diff: Omit<WorkflowDiff, 'isEmpty'> = {
    risk: reasons.length > 0 ? 'high' : 'normal',
    riskReasons: reasons,
    metadata: diffValues(before.metadata, after.metadata),
    trigger: diffTrigger(before.trigger, after.trigger),
    steps,
    connectors,
    vars: diffValues(before.vars, after.vars),
    tests: diffTests(before.tests, after.tests),
  };
  const handler = { before: a.onFailure?.continueAt ?? null, after: b.onFailure?.continueAt ?? null };
  if (handler.before !== handler.after) diff.onFailure = handler;
  const isEmpty =
    diff.onFailure === undefined &&
    diff.metadata.length === 0 &&
    diff.trigger === null &&
    steps.added.length + steps.removed.length + steps.changed.length === 0 &&
    diff.vars.length === 0 &&
    !diff.tests.changed &&
    // formatVersion is a literal today; compare anyway so a future v2 is never "empty".
    a.formatVersion === b.formatVersion;
  return { isEmpty, ...diff };
}

/** Cases matched by name; a renamed case is one removed and one added. */
function diffTests(before: readonly TestCase[], after: readonly TestCase[]): TestsChange {
  const old = new Map(before.map((c) => [c.name, c]));
  const now = new Map(after.map((c) => [c.name, c]));
  const added = [...now.keys()].filter((n) => !old.has(n)).sort();
  const removed = [...old.keys()].filter((n) => !now.has(n)).sort();
  const modified = [...now.entries()]
    .filter(([n, c]) => old.has(n) && !jsonEqual(old.get(n), c))
    .map(([n]) => n)
    .sort();
  return {
    changed: !jsonEqual(before, after),
    before: before.length,
    after: after.length,
    added,
    removed,
    modified,
  };
}
