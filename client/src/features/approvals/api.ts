import { api } from '../../api/client';

export interface ApprovalLevel {
  level: number;
  users: string[];
  roles: string[];
  breakGlass: boolean;
  label: string | null;
  /** When the escalation to this level fires (level 0: null). */
  at: string | null;
  reached: boolean;
}

export interface ApprovalVote {
  userId: string;
  username: string;
  decision: 'approved' | 'rejected';
  comment?: string;
  level: number;
  breakGlass: boolean;
  at: string;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'timed_out' | 'cancelled';

/** Whether the caller may decide now, and why not. */
export type Standing = { canDecide: true; level: number; breakGlass: boolean } | { canDecide: false; reason: string };

export interface ApprovalTask {
  id: string;
  /** The engine's id: `<runId>:<stepKey>`. */
  taskId: string;
  runId: string;
  stepKey: string;
  stepId: string;
  message: string;
  status: ApprovalStatus;
  quorum: number;
  escalationLevel: number;
  levels: ApprovalLevel[];
  onTimeout: string;
  deadline: string;
  nextDeadlineAt: string | null;
  decisions: ApprovalVote[];
  createdAt: string;
  decidedAt: string | null;
  you?: Standing;
}

export function listApprovals(status: ApprovalStatus = 'pending'): Promise<{ tasks: ApprovalTask[] }> {
  return api(`/approvals?status=${status}`);
}

export function decideApproval(
  taskId: string,
  decision: 'approved' | 'rejected',
  comment?: string,
): Promise<{ task: ApprovalTask; run: { status: string } }> {
  const body = comment ? { decision, comment } : { decision };
  return api(`/approvals/${encodeURIComponent(taskId)}/decision`, { method: 'POST', body });
}
