/**
 * The engine's ApprovalsPort on approval_tasks rows. Every call is idempotent (the engine
 * calls again after a crash); an escalation is audited once, as `system:executor`.
 */
import type { ApprovalDecisionKind, ApprovalsPort, ApprovalTask } from '../engine';
import { recordAudit } from '../services/audit';
import { auditPolicySkip } from './policy-audit';
import { closeApprovalTask, insertApprovalTask, raiseApprovalLevel, type ApprovalSpec } from '../store/approvals';
import { transaction, type DbClient } from '../store/db';
import type { ApprovalStatus } from '../store/enums';
import { dbRunId } from '../store/runs-ids';
import { listUserDirectory } from '../store/users';

export const EXECUTOR_ACTOR = 'system:executor' as const;

export function specOf(task: ApprovalTask): ApprovalSpec {
  return {
    runId: task.runId,
    stepId: task.stepId,
    message: task.message,
    deadline: task.deadline,
    onTimeout: task.onTimeout,
    ...(task.owner ? { owner: task.owner } : {}),
    levels: [
      { level: 0, users: task.approvers.users, roles: task.approvers.roles, breakGlass: false },
      ...task.escalation.map((e) => ({
        level: e.level,
        users: e.approvers.users,
        roles: e.approvers.roles,
        breakGlass: e.breakGlass,
        at: e.at,
        ...(e.label === undefined ? {} : { label: e.label }),
      })),
    ],
  };
}

/** The next escalation or the deadline, after `level` was reached. */
function nextDeadline(task: ApprovalTask, level: number): Date {
  return new Date(Math.min(task.escalation[level]?.at ?? Infinity, task.deadline));
}

function statusOf(task: ApprovalTask, outcome: ApprovalDecisionKind | 'cancelled', now: number): ApprovalStatus {
  if (outcome === 'cancelled') return 'cancelled';
  // The engine takes the `onTimeout` decision at the deadline: that is a timeout, whatever its port.
  if (outcome === 'timeout' || now >= task.deadline) return 'timed_out';
  return outcome;
}

/**
 * Told after the port stored a change (approval notifications). A hook that fails is
 * logged, never the engine's failure: the task stands in the inbox either way.
 */
export interface ApprovalPortHooks {
  opened(task: ApprovalTask): Promise<void>;
  escalated(task: ApprovalTask, level: number): Promise<void>;
  closed(task: ApprovalTask): Promise<void>;
}

export function createApprovalsPort(
  prisma: DbClient,
  now: () => number,
  hooks?: ApprovalPortHooks,
  onHookError: (err: unknown) => void = () => {},
): ApprovalsPort {
  const tell = (call: () => Promise<void> | undefined) => Promise.resolve(call()).catch(onHookError);
  return {
    async open(task) {
      await insertApprovalTask(prisma, {
        taskId: task.id,
        runDbId: dbRunId(task.runId),
        stepKey: task.stepKey,
        spec: specOf(task),
        quorum: task.quorum,
        createdAt: new Date(task.createdAt),
        nextDeadlineAt: nextDeadline(task, 0),
      });
      await tell(() => hooks?.opened(task));
    },
    async escalate(task, level) {
      const step = task.escalation[level - 1];
      await transaction(prisma, async (tx) => {
        if (!(await raiseApprovalLevel(tx, task.id, level, nextDeadline(task, level)))) return;
        await recordAudit(tx, {
          actor: EXECUTOR_ACTOR,
          action: 'approval.escalated',
          targetType: 'approval_task',
          targetId: task.id,
          details: {
            runId: dbRunId(task.runId),
            stepKey: task.stepKey,
            level,
            breakGlass: step?.breakGlass ?? false,
            ...(step?.label === undefined ? {} : { label: step.label }),
            approvers: step?.approvers ?? null,
          },
        });
      });
      await tell(() => hooks?.escalated(task, level));
    },
    skipped: (task, policy) => auditPolicySkip(prisma, task, policy),
    async directoryUsers(owners) {
      if (owners.length === 0) return [];
      const names = new Set((await listUserDirectory(prisma)).map((u) => u.username));
      return owners.filter((o) => names.has(o));
    },
    async close(task, outcome) {
      await closeApprovalTask(prisma, task.id, statusOf(task, outcome, now()), new Date(now()));
      await tell(() => hooks?.closed(task));
    },
  };
}
