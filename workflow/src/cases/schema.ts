/**
 * Test cases: stored in the workflow document (`tests`), so that they are hashed, diffed
 * and reviewed like the logic they test, and a change to a case voids an approval as a
 * change to a step does. A case is an event, what the outside world answers (per-step
 * fixtures: an output, a failure, or a sequence of either), how people decide (approval
 * outcomes, escalation included), extra safety-list entries, and what must hold after
 * the simulated run (assertions). Cases run only in simulation: nothing is ever sent.
 */
import { z } from 'zod';
import { ErrorKind } from '../retry';

const NodeRef = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a step id: a letter or _, then letters, digits or _ (64 at most)');

/** A failure injected in place of calling out: an error kind, an HTTP status, a message. */
export const InjectedFailure = z
  .object({
    kind: ErrorKind,
    /** For the HTTP kinds: the status the vendor answered (503, 429, 404…). */
    status: z.int().min(100).max(599).optional(),
    message: z.string().max(500).optional(),
  })
  .strict();
export type InjectedFailure = z.infer<typeof InjectedFailure>;

/** One answer of a step: exactly one of an output or a failure (`{ fail: { kind: 'timeout' } }` is a timeout). */
export const StepAnswer = z
  .object({
    output: z.json().optional(),
    fail: InjectedFailure.optional(),
  })
  .strict()
  .refine((a) => (a.output !== undefined) !== (a.fail !== undefined), 'give either an output or a failure');
export type StepAnswer = z.infer<typeof StepAnswer>;

/**
 * What a step answers in a case. A sequence answers its n-th element on the step's n-th
 * call (`by: 'call'`, every attempt and every for-each item or loop round counted in the
 * order they run), on its n-th attempt (`by: 'attempt'`: a retry sees the next answer), or
 * for the n-th for-each item or repeat-until round (`by: 'item'`); past its end, the last
 * element answers again.
 */
export const StepFixture = z
  .object({
    output: z.json().optional(),
    fail: InjectedFailure.optional(),
    sequence: z.array(StepAnswer).min(1).max(1_000).optional(),
    by: z.enum(['call', 'attempt', 'item']).optional(),
  })
  .strict()
  .refine(
    (f) => [f.output !== undefined, f.fail !== undefined, f.sequence !== undefined].filter(Boolean).length === 1,
    'give exactly one of an output, a failure or a sequence',
  )
  .refine((f) => f.by === undefined || f.sequence !== undefined, {
    message: '`by` applies to a sequence only',
    path: ['by'],
  });
export type StepFixture = z.infer<typeof StepFixture>;

/**
 * How an approval step is decided in a case: approved or rejected by the first approvers
 * (level 0), or only after the task escalated to `level` (1 = the first escalation, a
 * break-glass group when it is marked so); `timeout` lets the deadline pass undecided.
 */
export const ApprovalFixture = z
  .object({
    decision: z.enum(['approved', 'rejected', 'timeout']),
    level: z.int().min(0).max(5).default(0),
  })
  .strict()
  .refine((a) => a.decision !== 'timeout' || a.level === 0, {
    message: 'a timeout is nobody deciding: it has no level',
    path: ['level'],
  });
export type ApprovalFixture = z.infer<typeof ApprovalFixture>;

/** A safety-list entry added for this case only (e.g. to prove a block is refused on a protected host). */
export const CaseSafetyEntry = z
  .object({
    kind: z.enum(['ip', 'cidr', 'host', 'user', 'domain']),
    value: z.string().trim().min(1).max(512),
    criticality: z.enum(['low', 'medium', 'high', 'critical']).default('high'),
    reason: z.string().min(1).max(500).default('test case'),
  })
  .strict();
export type CaseSafetyEntry = z.infer<typeof CaseSafetyEntry>;

/** An effect the run must (or, with `absent`, must not) have in its effects report. */
export const EffectAssertion = z
  .object({
    /** The step that performs it. */
    step: NodeRef.optional(),
    /** Words the action's description contains, case-insensitive ("Block IP"). */
    action: z.string().min(1).max(200).optional(),
    /** The target's value (an IP, a host, a user). */
    target: z.string().min(1).max(512).optional(),
    decision: z.enum(['would-run', 'refused', 'auto-ok']).optional(),
    /** True: no effect in the report matches. */
    absent: z.boolean().default(false),
  })
  .strict()
  .refine((e) => e.step !== undefined || e.action !== undefined || e.target !== undefined, {
    message: 'name the step, the action or the target',
  });
export type EffectAssertion = z.infer<typeof EffectAssertion>;

/** A JSONata predicate on a step's last output, or on the run's output without `step`. */
export const OutputAssertion = z
  .object({
    step: NodeRef.optional(),
    /** Evaluated with the output as its input (`$`), e.g. `abuseConfidenceScore > 90`; must be true. */
    matches: z.string().min(1, 'a JSONata predicate is required').max(2_000),
  })
  .strict();
export type OutputAssertion = z.infer<typeof OutputAssertion>;

/** What must hold after the case's run. Each given field is one assertion (each list entry is one). */
export const CaseExpectation = z
  .object({
    status: z.enum(['succeeded', 'failed', 'cancelled']).optional(),
    /** Exactly these steps, in completion order (migrated sample events keep theirs). */
    path: z.array(NodeRef).max(1_000).optional(),
    reached: z.array(NodeRef).max(500).optional(),
    notReached: z.array(NodeRef).max(500).optional(),
    effects: z.array(EffectAssertion).max(100).optional(),
    outputs: z.array(OutputAssertion).max(100).optional(),
    /** At most this many step completions (for-each items and attempts counted once each). */
    maxSteps: z.int().min(0).max(100_000).optional(),
  })
  .strict();
export type CaseExpectation = z.infer<typeof CaseExpectation>;

export const TestCase = z
  .object({
    name: z.string().trim().min(1, 'a case needs a name').max(120),
    description: z.string().max(2_000).optional(),
    event: z.json(),
    /** Step id → what it answers instead of calling out. */
    fixtures: z.record(NodeRef, StepFixture).default({}),
    /** Approval step id → how it is decided (unlisted approvals are approved at once). */
    approvals: z.record(NodeRef, ApprovalFixture).default({}),
    /** Added to the organisation's lists for this case (the CLI has only these). */
    safety: z
      .object({
        protected: z.array(CaseSafetyEntry).max(100).default([]),
        autoOk: z.array(CaseSafetyEntry).max(100).default([]),
      })
      .strict()
      .optional(),
    expect: CaseExpectation.default({}),
  })
  .strict();
export type TestCase = z.infer<typeof TestCase>;
export type TestCaseInput = z.input<typeof TestCase>;

/** How many assertions a case makes: a case with none proves nothing (a validation problem). */
export function assertionCount(expect: CaseExpectation): number {
  let n = 0;
  if (expect.status !== undefined) n++;
  if (expect.path !== undefined) n++;
  if (expect.maxSteps !== undefined) n++;
  n += expect.reached?.length ?? 0;
  n += expect.notReached?.length ?? 0;
  n += expect.effects?.length ?? 0;
  n += expect.outputs?.length ?? 0;
  return n;
}
