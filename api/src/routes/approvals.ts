/** Run-time approvals: the caller's tasks, one task, and deciding (break glass included). */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { ApprovalStatus, ApprovalTask } from '../model/approvals';
import { RunStatus } from './common';

/** The row id or the engine's task id (`<runId>:<stepKey>`, URL-encoded). */
export const TaskParams = z.object({ taskId: z.string().min(1).max(600) });

export const DecisionBody = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().trim().max(2_000).optional(),
  })
  .strict();
export type DecisionBody = z.infer<typeof DecisionBody>;

/** The task after the decision, and where its run stands once it moved on (or after a short wait). */
export const DecisionResult = z.object({ task: ApprovalTask, run: z.object({ status: RunStatus }) });
export type DecisionResult = z.infer<typeof DecisionResult>;

export const approvalsApi = {
  list: defineRoute({
    method: 'get',
    path: '/approvals',
    summary: 'Approval tasks: pending = those you may decide now (admins: all)',
    tag: 'approvals',
    access: 'authenticated',
    query: z
      .object({
        status: ApprovalStatus.default('pending'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      })
      .strict(),
    response: z.object({ tasks: z.array(ApprovalTask) }),
  }),
  get: defineRoute({
    method: 'get',
    path: '/approvals/:taskId',
    summary: 'One approval task, with whether you may decide it',
    tag: 'approvals',
    access: 'authenticated',
    params: TaskParams,
    response: ApprovalTask,
  }),
  decide: defineRoute({
    method: 'post',
    path: '/approvals/:taskId/decision',
    summary: 'Approve or reject (403 not_yet_escalated: a break-glass approver before the escalation)',
    tag: 'approvals',
    access: 'authenticated',
    params: TaskParams,
    body: DecisionBody,
    response: DecisionResult,
  }),
};
