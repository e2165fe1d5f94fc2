import { approvalsApi, type ApprovalStatus } from '@autonomic/api';
import { api } from '../../api/client';

/** Pending: the tasks the caller may decide now (admins: all); other statuses: past tasks naming the caller. */
export const listApprovals = (status: ApprovalStatus = 'pending') => api(approvalsApi.list, { query: { status } });

export function decideApproval(taskId: string, decision: 'approved' | 'rejected', comment?: string) {
  const body = comment ? { decision, comment } : { decision };
  return api(approvalsApi.decide, { params: { taskId }, body });
}

/** One task, by row id or engine task id, with its context and whether the caller may decide. */
export const getApproval = (taskId: string) => api(approvalsApi.get, { params: { taskId } });
