/** Run-time approval tasks as the API shows them, with what the caller may do. */
import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { Instant, NullableInstant } from '../fields';

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
});
export type ApprovalTask = z.infer<typeof ApprovalTask>;
