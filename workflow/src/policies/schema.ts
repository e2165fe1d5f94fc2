/**
 * Organisation-wide safety policies (issue 15 §2): rules an admin sets once and every
 * version is checked against by graph analysis — at edit time in the editor, on the
 * review page and at publish. Rules are data: a handful of rule kinds, each parameterised
 * by which steps it is about and what must hold for them, never code. A violation names
 * the step, and for path rules the offending path from the trigger, so that the editor
 * can draw it.
 */
import { z } from 'zod';

/** Effect classes a rule may select on (`effectOf` of ../diff/steps). */
export const PolicyEffect = z.enum(['read', 'write', 'destructive']);
export type PolicyEffect = z.infer<typeof PolicyEffect>;

/** Which steps a rule is about: every condition given must hold (an empty matcher matches every step). */
export const StepMatcher = z
  .object({
    /** The step's effect class is one of these. */
    effects: z.array(PolicyEffect).min(1).optional(),
    /** The step's node type is one of these (`connector`, `http`, …). */
    types: z.array(z.string().min(1).max(64)).min(1).optional(),
  })
  .strict();
export type StepMatcher = z.infer<typeof StepMatcher>;

/**
 * A step that guards what comes after it. A path passes the guard when it goes through a
 * step of `type` and — when `ports` is given — leaves it by one of those ports (an
 * approval's `approved`, a condition's `true`). With `reads`, the guard step's expressions
 * must read that field of an upstream step of that type (a condition on a safety lookup's
 * `autoOk` is an auto-OK check; a condition on anything else is not).
 */
export const GuardMatcher = z
  .object({
    type: z.string().min(1).max(64),
    ports: z.array(z.string().min(1).max(32)).min(1).optional(),
    reads: z
      .object({ type: z.string().min(1).max(64), field: z.string().min(1).max(64) })
      .strict()
      .optional(),
  })
  .strict();
export type GuardMatcher = z.infer<typeof GuardMatcher>;

/** The rule kinds. Each is checked on the graph alone plus the workflow's own safety settings. */
export const PolicyRule = z.discriminatedUnion('kind', [
  /** Every path from the trigger to a matching step passes one of the guards (the guards dominate it). */
  z
    .object({
      kind: z.literal('guarded'),
      steps: StepMatcher,
      guards: z.array(GuardMatcher).min(1),
    })
    .strict(),
  /** A matching step's failure is handled: its `port` (default `error`) is wired to a step. */
  z
    .object({
      kind: z.literal('error-handled'),
      steps: StepMatcher,
      port: z.string().min(1).max(32).default('error'),
    })
    .strict(),
  /**
   * A matching step inside a loop body (for-each; `foreach` also covers a repeat-until `loop`) needs a blast-radius limit: the workflow's
   * `maxDestructivePerRun` setting set, and at most `maxPerRun` when given.
   */
  z
    .object({
      kind: z.literal('loop-limited'),
      steps: StepMatcher,
      loops: z.array(z.string().min(1).max(64)).min(1).default(['foreach']),
      maxPerRun: z.number().int().min(1).optional(),
    })
    .strict(),
  /**
   * An HTTP step whose method is one of `methods` must call a host in `allow` (exact host
   * names, or `*.example.com` for any sub-domain). A URL whose host is only known at run
   * time (an expression other than a document variable) violates the rule.
   */
  z
    .object({
      kind: z.literal('http-hosts'),
      methods: z.array(z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])).min(1),
      allow: z.array(z.string().min(1).max(253)).max(500),
    })
    .strict(),
]);
export type PolicyRule = z.infer<typeof PolicyRule>;
export type PolicyRuleInput = z.input<typeof PolicyRule>;
export type PolicyRuleKind = PolicyRule['kind'];

/** A policy: a named rule an admin can switch off. Ids of the shipped defaults are fixed. */
export const SafetyPolicy = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a policy id: lower-case letters, digits and dashes'),
    name: z.string().trim().min(1, 'a name is required').max(120),
    description: z.string().trim().max(2_000).default(''),
    enabled: z.boolean().default(true),
    rule: PolicyRule,
  })
  .strict();
export type SafetyPolicy = z.infer<typeof SafetyPolicy>;
export type SafetyPolicyInput = z.input<typeof SafetyPolicy>;

/** What the checks read besides the document: the workflow's safety settings. */
export interface PolicyContext {
  /** The workflow's blast-radius limit per run (null: none). */
  maxDestructivePerRun: number | null;
}

/** One rule broken by one step. */
export interface PolicyViolation {
  policyId: string;
  policyName: string;
  /** The offending step (or `workflow`). */
  nodeId: string;
  /** In words, for a person: "block_ip is destructive and a path from the trigger reaches it without an approval or an auto-OK check". */
  message: string;
  /**
   * For path rules: one offending path, node ids from the trigger to the step, in order,
   * with the port each edge leaves by (`ports[i]` leaves `path[i]`), for the editor to draw.
   */
  path?: string[];
  ports?: string[];
}

/** The four defaults every organisation starts with (an admin may switch each off or edit it). */
export const DEFAULT_POLICIES: readonly SafetyPolicy[] = [
  {
    id: 'destructive-guarded',
    name: 'Destructive actions are approved or auto-OK',
    description:
      'Every path from the trigger to a destructive action passes an approval or a condition on a safety lookup’s auto-OK answer.',
    enabled: true,
    rule: {
      kind: 'guarded',
      steps: { effects: ['destructive'] },
      guards: [
        { type: 'approval', ports: ['approved'] },
        { type: 'condition', ports: ['true'], reads: { type: 'safety-lookup', field: 'autoOk' } },
      ],
    },
  },
  {
    id: 'destructive-error-handled',
    name: 'Destructive actions handle their failure',
    description: 'Every destructive action’s error port is wired, so that a failed or refused containment is reported.',
    enabled: true,
    rule: { kind: 'error-handled', steps: { effects: ['destructive'] }, port: 'error' },
  },
  {
    id: 'destructive-loop-limited',
    name: 'Destructive actions in loops have a blast-radius limit',
    description: 'A destructive action inside a for-each needs the workflow’s limit of destructive actions per run.',
    enabled: true,
    rule: { kind: 'loop-limited', steps: { effects: ['destructive'] }, loops: ['foreach'] },
  },
  {
    id: 'http-write-allow-list',
    name: 'HTTP writes go to allowed hosts',
    description: 'An HTTP step that writes (POST, PUT, PATCH, DELETE) calls only a host on the allow-list.',
    enabled: true,
    rule: { kind: 'http-hosts', methods: ['POST', 'PUT', 'PATCH', 'DELETE'], allow: [] },
  },
];
