/**
 * What is wrong with a document's test cases beyond their shape: a case that asserts
 * nothing, names a step that does not exist (or the wrong kind of step), decides an
 * approval at an escalation level it does not have, or holds a predicate that does not
 * parse. Reported on the workflow node at `tests.<i>.…`, one problem per finding.
 */
import type { WorkflowDocument } from '../document';
import { parseExpression } from '../expression';
import { WORKFLOW_NODE, type Problem } from '../problem';
import { assertionCount, type TestCase } from './schema';

/** Step types whose answer comes from outside (a sub-workflow's from its child run): the ones a fixture replaces. */
const CALLS_OUT: ReadonlySet<string> = new Set(['http', 'connector', 'subworkflow']);

export function caseProblems(doc: WorkflowDocument): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  doc.tests.forEach((c, i) => {
    const at = (path: string, message: string) =>
      problems.push({
        nodeId: WORKFLOW_NODE,
        path: `tests.${i}${path ? `.${path}` : ''}`,
        message: `case "${c.name}": ${message}`,
      });
    if (seen.has(c.name)) at('name', 'two cases share this name');
    seen.add(c.name);
    if (assertionCount(c.expect) === 0) {
      at('expect', 'asserts nothing: add an expected status, steps reached or not, effects or outputs');
    }
    for (const [path, id] of stepRefs(c)) {
      if (!Object.hasOwn(doc.steps, id)) at(path, `there is no step "${id}"`);
    }
    for (const id of Object.keys(c.approvals)) {
      const step = doc.steps[id];
      if (!step) continue;
      if (step.type !== 'approval') {
        at(`approvals.${id}`, `"${id}" is not an approval step`);
        continue;
      }
      const levels = escalationLevels(step.params);
      const level = c.approvals[id]?.level ?? 0;
      if (level > levels) {
        const has = levels === 0 ? 'no escalation' : `${levels} escalation level(s)`;
        at(`approvals.${id}.level`, `"${id}" has ${has}, so it cannot be decided at level ${level}`);
      }
    }
    for (const id of Object.keys(c.fixtures)) {
      const step = doc.steps[id];
      if (step && !CALLS_OUT.has(step.type)) {
        at(`fixtures.${id}`, `"${id}" calls nothing outside, so a fixture for it would never be used`);
      }
    }
    (c.expect.outputs ?? []).forEach((o, j) => {
      const parsed = parseExpression(o.matches);
      if (!parsed.ok) at(`expect.outputs.${j}.matches`, `the predicate does not parse: ${parsed.message}`);
    });
  });
  return problems;
}

/** Every step id a case names, with its path inside the case. */
function stepRefs(c: TestCase): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  for (const id of Object.keys(c.fixtures)) refs.push([`fixtures.${id}`, id]);
  for (const id of Object.keys(c.approvals)) refs.push([`approvals.${id}`, id]);
  const e = c.expect;
  (e.path ?? []).forEach((id, j) => refs.push([`expect.path.${j}`, id]));
  (e.reached ?? []).forEach((id, j) => refs.push([`expect.reached.${j}`, id]));
  (e.notReached ?? []).forEach((id, j) => refs.push([`expect.notReached.${j}`, id]));
  (e.effects ?? []).forEach((x, j) => x.step !== undefined && refs.push([`expect.effects.${j}.step`, x.step]));
  (e.outputs ?? []).forEach((x, j) => x.step !== undefined && refs.push([`expect.outputs.${j}.step`, x.step]));
  return refs;
}

function escalationLevels(params: unknown): number {
  if (typeof params !== 'object' || params === null || !('escalation' in params)) return 0;
  return Array.isArray(params.escalation) ? params.escalation.length : 0;
}
