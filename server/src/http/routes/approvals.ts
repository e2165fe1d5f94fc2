/** Run-time approvals: the caller's tasks, one task, and deciding (contract: `approvalsApi` in @autonomic/api). */
import { approvalsApi } from '@autonomic/api';
import type { ApprovalService } from '../../services/approvals';
import type { RouteModule } from '../app';

export interface ApprovalRouteDeps {
  approvals: ApprovalService;
}

export function approvalRoutes({ approvals }: ApprovalRouteDeps): RouteModule {
  return (api) => {
    api.add(approvalsApi.list, async ({ query, actor }) => ({ tasks: await approvals.list(actor, query) }));
    api.add(approvalsApi.get, ({ params, actor }) => approvals.get(actor, params.taskId));
    api.add(approvalsApi.decide, ({ params, body, actor }) => approvals.decide(actor, params.taskId, body));
  };
}
