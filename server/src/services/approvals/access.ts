/**
 * Who may decide an approval task now. Level 0 approvers always may; an escalation
 * level's approvers only once the executor has fired that escalation (the row's
 * `escalationLevel`), so a break-glass group cannot act before the chain reaches it.
 * Approvers name users (by username or id) and roles. Admins see every task but decide
 * only where they are named: break glass stays a deliberate, audited act.
 */
import type { Actor } from '@autonomic/api';
import type { ApprovalLevel, ApprovalSpec } from '../../store/approvals';

export type Standing =
  { ok: true; level: number; breakGlass: boolean } | { ok: false; code: 'not_yet_escalated' | 'not_an_approver' };

const names = (actor: Actor, l: ApprovalLevel): boolean =>
  l.users.includes(actor.username) || l.users.includes(actor.userId) || l.roles.includes(actor.role);

export function standingOf(actor: Actor, spec: ApprovalSpec, reached: number): Standing {
  const mine = spec.levels.filter((l) => names(actor, l));
  const now = mine.filter((l) => l.level <= reached);
  // Someone named at an ordinary level decides as that, not as break glass.
  const best = now.find((l) => !l.breakGlass) ?? now[0];
  if (best) return { ok: true, level: best.level, breakGlass: best.breakGlass };
  return { ok: false, code: mine.length > 0 ? 'not_yet_escalated' : 'not_an_approver' };
}

/** Whether the actor is named at any level (reached or not): they may see the task in lists. */
export const involves = (actor: Actor, spec: ApprovalSpec): boolean => spec.levels.some((l) => names(actor, l));
