/** Approval tasks as the API shows them (`ApprovalTask` of the contract), with what the caller may do. */
import type { Actor, ApprovalTask, Standing } from '@autonomic/api';
import type { ApprovalRow } from '../../store/approvals';
import { standingOf } from './access';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function standing(a: ApprovalRow, actor: Actor): Standing {
  if (a.status !== 'pending') return { canDecide: false, reason: 'already_decided' };
  if (a.decisions.some((d) => d.userId === actor.userId)) return { canDecide: false, reason: 'already_voted' };
  const s = standingOf(actor, a.spec, a.escalationLevel);
  return s.ok ? { canDecide: true, level: s.level, breakGlass: s.breakGlass } : { canDecide: false, reason: s.code };
}

export function approvalView(a: ApprovalRow, actor?: Actor): ApprovalTask {
  const view: ApprovalTask = {
    id: a.id,
    taskId: a.taskId,
    runId: a.runId,
    stepKey: a.stepKey,
    stepId: a.spec.stepId,
    message: a.spec.message,
    status: a.status,
    quorum: a.quorum,
    escalationLevel: a.escalationLevel,
    levels: a.spec.levels.map((l) => ({
      level: l.level,
      users: l.users,
      roles: l.roles,
      breakGlass: l.breakGlass,
      label: l.label ?? null,
      at: l.at === undefined ? null : new Date(l.at).toISOString(),
      reached: l.level <= a.escalationLevel,
    })),
    onTimeout: a.spec.onTimeout,
    deadline: new Date(a.spec.deadline).toISOString(),
    nextDeadlineAt: iso(a.nextDeadlineAt),
    decisions: a.decisions,
    createdAt: a.createdAt.toISOString(),
    decidedAt: iso(a.decidedAt),
    ...(a.spec.owner
      ? {
          targetOwner: {
            users: a.spec.owner.users,
            teams: a.spec.owner.teams,
            fallback: a.spec.owner.fallback ?? null,
          },
        }
      : {}),
  };
  return actor ? { ...view, you: standing(a, actor) } : view;
}
