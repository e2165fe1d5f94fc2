/** Run-time approval tasks as the API shows them, with what the caller may do. */
import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { Instant, NullableInstant } from '../fields';
import { ApprovalNotificationView } from './approval-notifications';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'timed_out', 'cancelled'] as const;
export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

/** What an approval step does when nobody decides by the deadline (also a simulation's approvals policy). */
export const ApprovalOutcome = z.enum(['approved', 'rejected', 'timeout']);
export type ApprovalOutcome = z.infer<typeof ApprovalOutcome>;

/** Who may decide at one escalation level (0: the first approvers). */
export const ApprovalLevel = z.object({
  level: z.number().int(),
  /** Usernames or user ids. */
  users: z.array(z.string()),
  roles: z.array(z.string()),
  breakGlass: z.boolean(),
  label: z.string().nullable(),
  /** When the escalation to this level fires (level 0: null). */
  at: NullableInstant,
  reached: z.boolean(),
});
export type ApprovalLevel = z.infer<typeof ApprovalLevel>;

/** One person's decision on a task. */
export const ApprovalVote = z.object({
  userId: z.string(),
  username: z.string(),
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().optional(),
  level: z.number().int(),
  breakGlass: z.boolean(),
  at: Instant,
});
export type ApprovalVote = z.infer<typeof ApprovalVote>;

/** Whether the caller may decide now, and if not, why (an error code the decision would answer with). */
export const Standing = z.discriminatedUnion('canDecide', [
  z.object({ canDecide: z.literal(true), level: z.number().int(), breakGlass: z.boolean() }),
  z.object({
    canDecide: z.literal(false),
    reason: z.enum([
      'already_decided',
      'already_voted',
      'not_an_approver',
      'not_yet_escalated',
    ]) satisfies z.ZodType<ErrorCode>,
  }),
]);
export type Standing = z.infer<typeof Standing>;

/** runs.ts imports this module, so its `Criticality` is not yet defined here: the same four levels. */
const Criticality = z.enum(['low', 'medium', 'high', 'critical']);

/** Where an action's criticality and owner came from: the asset inventory or a safety list entry. */
export const ContextSource = z.enum(['asset', 'protected', 'autoOk']);
export type ContextSource = z.infer<typeof ContextSource>;

/** A write or destructive step the approval unlocks (reachable from its approved port before another approval). */
export const UnlockedAction = z.object({
  stepId: z.string(),
  label: z.string(),
  /** The step's summary (`POST https://…`, `crowdstrike: contain host`). */
  action: z.string(),
  effect: z.enum(['write', 'destructive']),
  /** What it acts on; `value` null when the target is an expression not renderable yet. */
  target: z.object({ kind: z.string(), value: z.string().nullable(), template: z.string().optional() }).nullable(),
  criticality: Criticality.nullable(),
  owner: z.string().nullable(),
  source: ContextSource.nullable(),
});
export type UnlockedAction = z.infer<typeof UnlockedAction>;

/** One blast-radius limit and how much of it the workflow used (null limit: none). */
export const BudgetUse = z.object({ used: z.number().int(), limit: z.number().int().nullable() });

/** One scalar field of the triggering event, by dotted path. */
export const EventField = z.object({
  path: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});

/**
 * What an approver needs to decide: the workflow and version, the actions the approval
 * unlocks with their targets, criticality and owner, the blast radius used so far, the
 * triggering event, the time left and the escalation chain. The inbox card, the task page
 * and the notification messages show it.
 */
export const ApprovalContext = z.object({
  workflow: z.object({ id: z.uuid(), name: z.string(), slug: z.string(), version: z.number().int() }),
  actions: z.array(UnlockedAction),
  blastRadius: z.object({ killSwitch: z.boolean(), perRun: BudgetUse, perHour: BudgetUse }),
  event: z.array(EventField),
  /** Milliseconds until the final timeout (0 once past). */
  timeLeftMs: z.number().int().min(0),
  /** Milliseconds until the next escalation or the timeout, whichever comes first (null when decided). */
  nextInMs: z.number().int().min(0).nullable(),
  escalation: z.array(ApprovalLevel),
});
export type ApprovalContext = z.infer<typeof ApprovalContext>;

export const ApprovalTask = z.object({
  id: z.uuid(),
  /** The engine's id: `<runId>:<stepKey>`. */
  taskId: z.string(),
  runId: z.uuid(),
  stepKey: z.string(),
  stepId: z.string(),
  message: z.string(),
  status: ApprovalStatus,
  quorum: z.number().int(),
  escalationLevel: z.number().int(),
  levels: z.array(ApprovalLevel),
  onTimeout: ApprovalOutcome,
  deadline: Instant,
  nextDeadlineAt: NullableInstant,
  decisions: z.array(ApprovalVote),
  createdAt: Instant,
  decidedAt: NullableInstant,
  /** Present when the task is read for someone (lists and the task itself, not a run's detail). */
  you: Standing.optional(),
  /** What was sent about the task (GET /approvals/:taskId only; services/approval-notifications). */
  notifications: z.array(ApprovalNotificationView).optional(),
  /** What the approver needs to decide; present on lists and the task itself. */
  context: ApprovalContext.optional(),
  /**
   * When the step asks the owner of the target asset: the owners that are users (asked, in
   * level 0), the owners that name no user (teams, not asked), and the fallback taken when
   * no owner could be asked (`named`: the step's users and roles; `escalation`: the first
   * escalation level at once).
   */
  targetOwner: z
    .object({
      users: z.array(z.string()),
      teams: z.array(z.string()),
      fallback: z.enum(['named', 'escalation']).nullable(),
    })
    .optional(),
});
export type ApprovalTask = z.infer<typeof ApprovalTask>;
