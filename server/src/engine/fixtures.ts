import type { ApprovalFixture, InjectedFailure, StepAnswer, StepFixture, WorkflowDocument } from '@autonomic/workflow';
import { StepFixture as StepFixtureSchema } from '@autonomic/workflow';
import { stepError } from './errors';
import type { EffectResult } from './ports';

/** Step id → what the step answers instead of calling out (a test case's `fixtures`). */
export type Fixtures = Record<string, StepFixture>;

/** Approval step id → how it is decided (a test case's `approvals`). */
export type ApprovalFixtures = Record<string, ApprovalFixture>;

/** One call of a fixed step: which attempt, which for-each item. */
export interface FixtureCall {
  runId: string;
  stepId: string;
  /** 1-based. */
  attempt: number;
  /** The innermost for-each item's index, inside a for-each. */
  itemIndex?: number;
}

/** What a fixed step answers on a call; undefined when the step has no fixture. */
export type FixtureAnswerer = (call: FixtureCall) => EffectResult | undefined;

/**
 * Answers calls from fixtures. A sequence's n-th element answers the step's n-th call
 * (every attempt and every item counted in the order performed), its n-th attempt or its
 * n-th for-each item (`by`); past the end the last element answers again.
 * @returns undefined for a step without a fixture (the caller answers as it would).
 */
export function fixtureAnswers(fixtures: Fixtures): FixtureAnswerer {
  const calls = new Map<string, number>();
  return (call) => {
    if (!Object.hasOwn(fixtures, call.stepId)) return undefined;
    const fixture = fixtures[call.stepId];
    if (!fixture) return undefined;
    const n = calls.get(call.stepId) ?? 0;
    calls.set(call.stepId, n + 1);
    const { sequence } = fixture;
    if (!sequence) return resultOf(fixture);
    const by = fixture.by ?? 'call';
    const index = by === 'call' ? n : by === 'attempt' ? call.attempt - 1 : (call.itemIndex ?? 0);
    const answer = sequence[Math.min(Math.max(index, 0), sequence.length - 1)];
    return answer ? resultOf(answer) : undefined;
  };
}

/** An output answers as it is; a failure answers as the live step would have failed (retryable by kind). */
function resultOf(answer: StepAnswer): EffectResult {
  if (answer.fail) return { ok: false, error: injected(answer.fail) };
  return { ok: true, output: answer.output };
}

function injected(fail: InjectedFailure) {
  const what = fail.status !== undefined ? `HTTP ${fail.status}` : fail.kind.replaceAll('_', ' ');
  const message = fail.message ?? `injected by the test case: ${what}`;
  return stepError(fail.kind, message, fail.status === undefined ? {} : { status: fail.status });
}

/**
 * The fixtures of the ad-hoc form (step id → output, or a whole fixture such as
 * `{ fail: { kind: 'timeout' } }`; for an approval step `{ decision }`), as a case's
 * fixtures and approvals. A value that is not JSON, or an
 * approval value without a known decision, is left out (the step answers as unfixed).
 */
export function fixturesFromOutputs(
  doc: WorkflowDocument,
  raw: Record<string, unknown>,
): { fixtures: Fixtures; approvals: ApprovalFixtures } {
  const fixtures: Fixtures = {};
  const approvals: ApprovalFixtures = {};
  for (const [stepId, value] of Object.entries(raw)) {
    if (doc.steps[stepId]?.type === 'approval') {
      const decision = decisionOf(value);
      if (decision) approvals[stepId] = { decision, level: 0 };
      continue;
    }
    // A whole fixture (exactly one of output, fail, sequence: the simulation page's forms) is
    // taken as it is; anything else is the step's output.
    const whole = StepFixtureSchema.safeParse(value);
    const parsed = whole.success ? whole : StepFixtureSchema.safeParse({ output: value });
    if (parsed.success) fixtures[stepId] = parsed.data;
  }
  return { fixtures, approvals };
}

function decisionOf(value: unknown): ApprovalFixture['decision'] | undefined {
  if (typeof value !== 'object' || value === null || !('decision' in value)) return undefined;
  const d = value.decision;
  return d === 'approved' || d === 'rejected' || d === 'timeout' ? d : undefined;
}
