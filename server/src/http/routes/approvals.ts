/** Run-time approvals: the caller's tasks, one task, and deciding (break glass included). */
import { z } from 'zod';
import type { ApprovalService } from '../../services/approvals';
import type { RouteModule } from '../app';

export interface ApprovalRouteDeps {
  approvals: ApprovalService;
}

/** The row id or the engine's task id (`<runId>:<stepKey>`, URL-encoded). */
const TaskParams = z.object({ taskId: z.string().min(1).max(600) });
const Task = z.object({ id: z.string(), taskId: z.string(), status: z.string() }).loose();
const DecisionBody = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().trim().max(2_000).optional(),
  })
  .strict();

export function approvalRoutes({ approvals }: ApprovalRouteDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'get',
        path: '/approvals',
        summary: 'Approval tasks: pending = those you may decide now (admins: all)',
        tag: 'approvals',
        access: 'authenticated',
        query: z
          .object({
            status: z.enum(['pending', 'approved', 'rejected', 'timed_out', 'cancelled']).default('pending'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: z.object({ tasks: z.array(Task) }),
      },
      async ({ query, actor }) => ({ tasks: await approvals.list(actor, query) }),
    );
    api.add(
      {
        method: 'get',
        path: '/approvals/:taskId',
        summary: 'One approval task, with whether you may decide it',
        tag: 'approvals',
        access: 'authenticated',
        params: TaskParams,
        response: Task,
      },
      ({ params, actor }) => approvals.get(actor, params.taskId),
    );
    api.add(
      {
        method: 'post',
        path: '/approvals/:taskId/decision',
        summary: 'Approve or reject (403 not_yet_escalated: a break-glass approver before the escalation)',
        tag: 'approvals',
        access: 'authenticated',
        params: TaskParams,
        body: DecisionBody,
        response: z.object({ task: Task, run: z.object({ status: z.string() }) }),
      },
      ({ params, body, actor }) => approvals.decide(actor, params.taskId, body),
    );
  };
}
