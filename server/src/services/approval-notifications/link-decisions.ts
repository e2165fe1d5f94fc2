/**
 * Deciding through a signed link. `show` checks the link and tells what it would decide,
 * changing nothing (a mail scanner or a link preview may fetch it). `confirm` takes the
 * link's one use in one conditional UPDATE (a second use, even concurrent, gets 409),
 * then decides as the link's approver through the approval service, so standing, quorum,
 * escalation level and the `approval.decided` audit line are the inbox's. If the task
 * refuses the decision, the use is given back. Each use is audited as `approval.link_used`.
 */
import type { Actor, ApprovalLinkView, LinkDecisionResult } from '@autonomic/api';
import type { AppContext } from '../../context';
import { AppError, NotFoundError, UnauthenticatedError } from '../../errors';
import { findApprovalTask } from '../../store/approvals';
import { findLinkByHash, releaseLink, useLink, type LinkRow } from '../../store/approval-notifications';
import { findUser } from '../../store/users';
import type { ApprovalService } from '../approvals';
import { recordAudit } from '../audit';
import { hashToken, TOKEN_PATTERN, verifies } from './links';

export interface LinkDecisionService {
  show(token: string, actor: Actor | null): Promise<ApprovalLinkView>;
  confirm(token: string, actor: Actor | null, input: { comment?: string }): Promise<LinkDecisionResult>;
}

/** An unknown or forged token: nothing tells which (404 like any unknown resource). */
const invalid = () => new NotFoundError('approval link');

export function createLinkDecisionService(
  ctx: AppContext,
  deps: { approvals: ApprovalService; linkKey: Buffer; signedOnly: boolean },
): LinkDecisionService {
  /** The link, checked: signature, owner, sign-in, use and expiry, in that order. */
  async function check(token: string, actor: Actor | null): Promise<LinkRow> {
    if (!TOKEN_PATTERN.test(token)) throw invalid();
    const link = await findLinkByHash(ctx.prisma, hashToken(token));
    if (!link || !verifies(deps.linkKey, token, link)) throw invalid();
    if (!actor && !deps.signedOnly) throw new UnauthenticatedError('sign in to decide through this link');
    if (actor && actor.userId !== link.userId) {
      throw new AppError(403, 'link_not_yours', `this link was sent to ${link.username}, not to you`);
    }
    if (link.usedAt) throw new AppError(409, 'link_used', 'this link was already used: each link decides once');
    if (ctx.clock.now() >= link.expiresAt.getTime()) {
      throw new AppError(410, 'link_expired', 'this link has expired: the task has timed out');
    }
    return link;
  }

  /** Who decides: the signed-in approver, or (signed links alone) the link's approver. */
  async function deciderOf(link: LinkRow, actor: Actor | null): Promise<Actor> {
    if (actor) return actor;
    const user = await findUser(ctx.prisma, link.userId);
    if (!user || user.disabled) throw new AppError(403, 'link_not_yours', 'the approver of this link is disabled');
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      via: 'token',
      tokenId: `approval-link:${link.id}`,
    };
  }

  return {
    async show(token, actor) {
      const link = await check(token, actor);
      const task = await findApprovalTask(ctx.prisma, link.taskId);
      if (!task) throw new NotFoundError('approval task');
      return {
        taskId: task.id,
        stepId: task.spec.stepId,
        message: task.spec.message,
        decision: link.decision,
        username: link.username,
        taskStatus: task.status,
        expiresAt: link.expiresAt.toISOString(),
        signInRequired: !deps.signedOnly,
      };
    },

    async confirm(token, actor, input) {
      const link = await check(token, actor);
      const decider = await deciderOf(link, actor);
      if (!(await useLink(ctx.prisma, link.id, new Date(ctx.clock.now())))) {
        throw new AppError(409, 'link_used', 'this link was already used: each link decides once');
      }
      try {
        const result = await deps.approvals.decide(decider, link.taskId, {
          decision: link.decision,
          ...(input.comment ? { comment: input.comment } : {}),
        });
        await recordAudit(ctx.prisma, {
          actor: decider,
          action: 'approval.link_used',
          targetType: 'approval_task',
          targetId: link.taskId,
          details: { linkId: link.id, decision: link.decision, signedOnly: actor === null },
        });
        return { decision: link.decision, taskStatus: result.task.status, run: result.run };
      } catch (e) {
        await releaseLink(ctx.prisma, link.id);
        throw e;
      }
    },
  };
}
