/**
 * Who may do what to a workflow. Reading is open to everyone signed in: a SOC shares
 * its playbooks, and reviewers and managers must see what they review and measure.
 * Writing is the owner's (or an admin's); approving is never the author's.
 */
import { AppError, ForbiddenError } from '../../errors';
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

export function isReviewerRole(role: string): boolean {
  return role === 'reviewer' || role === 'admin';
}
