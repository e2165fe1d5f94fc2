/**
 * Pure helpers of the case form: which steps a case may name where (fixtures only on
 * steps that call out, approval outcomes only on approval steps and at the levels they
 * have), the problems of one case, and the shapes the form writes.
 */
import { WORKFLOW_NODE, type Problem } from '@autonomic/workflow';
import type { TestCaseDraft } from '../../editor/commands';
import type { FlowNode } from '../../editor';
import { isStep, optionOf, type StepOption } from '../../forms/fixtures/fixtureDraft';

// The fixture helpers moved to forms/fixtures (the simulation page uses them too).
export {
  FAILURE_KINDS,
  failureOf,
  fixtureMode,
  fixtureStepOptions,
  replaced,
  withMode,
  without,
  type AnswerDraft,
  type FailureDraft,
  type FixtureDraft,
  type FixtureMode,
  type StepOption,
} from '../../forms/fixtures/fixtureDraft';

export type ExpectDraft = NonNullable<TestCaseDraft['expect']>;
export type ApprovalDraft = NonNullable<TestCaseDraft['approvals']>[string];
export type SafetyEntryDraft = NonNullable<NonNullable<TestCaseDraft['safety']>['protected']>[number];

/** An approval step and its escalation levels (1 = the first escalation). */
export interface ApprovalStepOption extends StepOption {
  levels: { level: number; label: string; breakGlass: boolean }[];
}

/** Every step (no trigger, no note): what an assertion may say is reached or not. */
export const stepOptions = (nodes: readonly FlowNode[]): StepOption[] => nodes.filter(isStep).map(optionOf);

/** Approval steps with their escalation levels (from `params.escalation`). */
export function approvalStepOptions(nodes: readonly FlowNode[]): ApprovalStepOption[] {
  return nodes
    .filter((n) => isStep(n) && n.data.nodeType === 'approval')
    .map((n) => {
      const escalation = n.data.params?.['escalation'];
      const levels = (Array.isArray(escalation) ? escalation : []).map((e: unknown, i) => {
        const rec = typeof e === 'object' && e !== null ? Object.fromEntries(Object.entries(e)) : {};
        const label = typeof rec['label'] === 'string' && rec['label'] ? rec['label'] : `level ${i + 1}`;
        // The schema's default: an escalation is break glass unless it says otherwise.
        return { level: i + 1, label, breakGlass: rec['breakGlass'] !== false };
      });
      return { ...optionOf(n), levels };
    });
}

/** The validator's problems of case `index` (`tests.<index>…` on the workflow node). */
export function problemsOfCase(problems: readonly Problem[], index: number): Problem[] {
  const at = `tests.${index}`;
  return problems.filter((p) => p.nodeId === WORKFLOW_NODE && (p.path === at || p.path.startsWith(`${at}.`)));
}

/** A new case: a name no other case has, an empty event, nothing asserted yet (the validator says so). */
export function newCase(existing: readonly TestCaseDraft[]): TestCaseDraft {
  const names = new Set(existing.map((c) => c.name));
  let n = existing.length + 1;
  while (names.has(`Case ${n}`)) n++;
  return { name: `Case ${n}`, event: {}, fixtures: {}, approvals: {}, expect: {} };
}

/** The expectation with `field` set, or gone when `value` is undefined (an unset field asserts nothing). */
export function withExpect<K extends keyof ExpectDraft>(e: ExpectDraft, field: K, value: ExpectDraft[K]): ExpectDraft {
  const next: ExpectDraft = { ...e };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}

/**
 * The shape of a value: its keys and list lengths, with every leaf replaced by its type.
 * Edits that keep the shape (typing in a field) are merged into one undo step; an edit
 * that changes it (a fixture added, a failure instead of an output) is a step of its own.
 */
export function shapeOf(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null ? v : typeof v)) ?? '';
}
