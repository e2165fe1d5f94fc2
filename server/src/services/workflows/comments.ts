/** Review comments on a version, in threads; a comment may point at one node. */
import type { AppContext } from '../../context';
import type { Actor, CommentThread as CommentThreadSchema } from '@autonomic/api';
import type { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import {
  commentsOfVersion,
  findComment,
  insertComment,
  setCommentResolved,
  type CommentRow,
} from '../../store/versions-comments';
import { isReviewerRole } from './access';
import { workflowAndVersion } from './lookup';

/** A thread as `list` answers it: the contract's `CommentThread`, dates as `Date`. */
export type CommentThread = z.input<typeof CommentThreadSchema>;

/** Top-level comments in order, each with its replies in order. */
export function threadsOf(comments: readonly CommentRow[]): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  for (const c of comments) if (c.parentId === null) threads.set(c.id, { ...c, replies: [] });
  for (const c of comments) if (c.parentId !== null) threads.get(c.parentId)?.replies.push(c);
  return [...threads.values()];
}

export function createCommentService(ctx: AppContext) {
  const { prisma } = ctx;

  async function list(ref: string, number: number): Promise<CommentThread[]> {
    const { version } = await workflowAndVersion(prisma, ref, number);
    return threadsOf(await commentsOfVersion(prisma, version.id));
  }

  async function add(
    actor: Actor,
    ref: string,
    number: number,
    input: { body: string; nodeId?: string | undefined; parentId?: string | undefined },
  ): Promise<CommentRow> {
    const { version } = await workflowAndVersion(prisma, ref, number);
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await findComment(prisma, input.parentId);
      if (!parent || parent.versionId !== version.id) {
        throw new ValidationError('no such comment on this version', [
          { path: 'body.parentId', message: 'no such comment on this version' },
        ]);
      }
      // Threads are one level deep: a reply to a reply joins its thread.
      parentId = parent.parentId ?? parent.id;
    }
    return insertComment(prisma, {
      versionId: version.id,
      authorId: actor.userId,
      body: input.body,
      nodeId: input.nodeId ?? null,
      parentId,
    });
  }

  /** The comment's author, the version's author, the workflow's owner, reviewers and admins may resolve. */
  async function resolve(actor: Actor, ref: string, number: number, commentId: string, resolved: boolean) {
    const { workflow, version } = await workflowAndVersion(prisma, ref, number);
    const comment = await findComment(prisma, commentId);
    if (!comment || comment.versionId !== version.id) throw new NotFoundError('comment');
    const allowed =
      [comment.authorId, version.author.id, workflow.ownerId].includes(actor.userId) || isReviewerRole(actor.role);
    if (!allowed) throw new ForbiddenError('only the people in this review may resolve its comments');
    return setCommentResolved(prisma, comment.id, resolved ? new Date(ctx.clock.now()) : null);
  }

  return { list, add, resolve };
}

export type CommentService = ReturnType<typeof createCommentService>;
