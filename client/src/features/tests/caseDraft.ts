/**
 * Pure helpers of the case form: which steps a case may name where (fixtures only on
 * steps that call out, approval outcomes only on approval steps and at the levels they
 * have), the problems of one case, and the shapes the form writes.
 */
import { WORKFLOW_NODE, type ErrorKind, type Problem } from '@autonomic/workflow';
import type { TestCaseDraft } from '../../editor/commands';
import type { FlowNode } from '../../editor';

export type FixtureDraft = NonNullable<TestCaseDraft['fixtures']>[string];
export type AnswerDraft = NonNullable<FixtureDraft['sequence']>[number];
export type FailureDraft = NonNullable<FixtureDraft['fail']>;
export type ExpectDraft = NonNullable<TestCaseDraft['expect']>;
export type ApprovalDraft = NonNullable<TestCaseDraft['approvals']>[string];
export type SafetyEntryDraft = NonNullable<NonNullable<TestCaseDraft['safety']>['protected']>[number];

/** A step as the pick-lists show it. */
export interface StepOption {
  id: string;
  label: string;
}

/** An approval step and its escalation levels (1 = the first escalation). */
export interface ApprovalStepOption extends StepOption {
  levels: { level: number; label: string; breakGlass: boolean }[];
}

/** Step types whose answer comes from outside: the ones a fixture replaces (as the validator says). */
const CALLS_OUT: ReadonlySet<string> = new Set(['http', 'connector', 'subworkflow']);

/** The failures a fixture can inject, in the words of the form. */
export const FAILURE_KINDS: readonly { kind: ErrorKind; label: string; status?: number }[] = [
  { kind: 'http_5xx', label: 'HTTP 5xx (server error)', status: 503 },
  { kind: 'http_429', label: 'HTTP 429 (rate limited)', status: 429 },
  { kind: 'http_4xx', label: 'HTTP 4xx (client error)', status: 404 },
  { kind: 'timeout', label: 'timeout' },
  { kind: 'network', label: 'network error' },
];

const isStep = (n: FlowNode) => n.type === 'step';
const optionOf = (n: FlowNode): StepOption => ({ id: n.id, label: n.data.label || n.data.nodeType });

/** Every step (no trigger, no note): what an assertion may say is reached or not. */
export const stepOptions = (nodes: readonly FlowNode[]): StepOption[] => nodes.filter(isStep).map(optionOf);

/** Steps that call out (HTTP, connector, sub-workflow): the ones a fixture may answer for. */
export const fixtureStepOptions = (nodes: readonly FlowNode[]): StepOption[] =>
  nodes.filter((n) => isStep(n) && CALLS_OUT.has(n.data.nodeType)).map(optionOf);

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

export type FixtureMode = 'answers' | 'fails' | 'sequence';

export const fixtureMode = (f: FixtureDraft): FixtureMode =>
  f.sequence !== undefined ? 'sequence' : f.fail !== undefined ? 'fails' : 'answers';

/** The default failure of a kind: the HTTP kinds with their usual status. */
export function failureOf(kind: ErrorKind): FailureDraft {
  const status = FAILURE_KINDS.find((k) => k.kind === kind)?.status;
  return status === undefined ? { kind } : { kind, status };
}

/** A fixture switched to another mode, keeping what still makes sense (the output, the failure). */
export function withMode(f: FixtureDraft, mode: FixtureMode): FixtureDraft {
  if (mode === fixtureMode(f)) return f;
  const first = f.sequence?.[0];
  if (mode === 'answers') return { output: f.output ?? first?.output ?? {} };
  if (mode === 'fails') return { fail: f.fail ?? first?.fail ?? failureOf('http_5xx') };
  const answer: AnswerDraft = f.fail ? { fail: f.fail } : { output: f.output ?? {} };
  return { sequence: [answer] };
}

/** An object without the key (records of fixtures and approvals). */
export function without<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** `list` with item `i` replaced (or removed with `undefined`); undefined when the list ends up empty. */
export function replaced<T>(list: readonly T[] | undefined, i: number, item: T | undefined): T[] | undefined {
  const next = (list ?? []).flatMap((x, j) => (j !== i ? [x] : item === undefined ? [] : [item]));
  return next.length === 0 ? undefined : next;
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
