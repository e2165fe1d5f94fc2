/**
 * Who may do what to a workflow. Reading is open to everyone signed in: a SOC shares
 * its playbooks, and reviewers and managers must see what they review and measure.
 * Writing is the owner's (or an admin's); approving is never the author's.
 */
import { AppError, ForbiddenError, ValidationError } from '../../errors';
import type { Actor } from '@autonomic/api';

interface Owned {
  ownerId: string;
}

const isAdmin = (actor: Actor) => actor.role === 'admin';

/** Save versions, request reviews, change settings: the owner or an admin. */
export function assertCanEdit(actor: Actor, workflow: Owned): void {
  if (isAdmin(actor) || actor.userId === workflow.ownerId) return;
  throw new ForbiddenError('only the owner of this workflow or an admin may change it');
}

/** An emergency stop must not wait for the owner: reviewers may flip it too. */
export function assertCanFlipKillSwitch(actor: Actor, workflow: Owned): void {
  if (actor.role === 'reviewer' || isAdmin(actor) || actor.userId === workflow.ownerId) return;
  throw new ForbiddenError('only the owner, a reviewer or an admin may flip the kill switch');
}

/** Two-person review: whoever wrote a version never decides on it, admins included. */
export function assertNotAuthor(actor: Actor, version: { author: { id: string } }): void {
  if (actor.userId !== version.author.id) return;
  throw new AppError(403, 'self_approval', 'you wrote this version: another person must review it');
}

/**
 * Only the reviewers the author named decide a review. An admin who was not named may
 * step in, but must say why: the reason goes into the audit line.
 * @returns the audit details of an admin's override (empty for a named reviewer)
 */
export function assertMayDecide(
  actor: Actor,
  requestedReviewerIds: readonly string[],
  reason: string | undefined,
): { adminOverride?: true; reason?: string } {
  if (requestedReviewerIds.includes(actor.userId)) return reason === undefined ? {} : { reason };
  if (!isAdmin(actor)) {
    throw new AppError(403, 'not_a_reviewer', 'this review was requested from other reviewers: only they decide');
  }
  if (reason === undefined) {
    const message = 'you were not asked to review this version: say why you decide instead of the named reviewers';
    throw new ValidationError(message, [{ path: 'body.reason', message }]);
  }
  return { adminOverride: true, reason };
}

export function isReviewerRole(role: string): boolean {
  return role === 'reviewer' || role === 'admin';
}
