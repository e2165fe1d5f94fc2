/** Review comments on a version: threads of one level (a reply to a reply joins its thread). */
import type { Db } from './db';

export interface CommentRow {
  id: string;
  versionId: string;
  authorId: string;
  author: { username: string; displayName: string };
  nodeId: string | null;
  body: string;
  parentId: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

const select = {
  id: true,
  versionId: true,
  authorId: true,
  author: { select: { username: true, displayName: true } },
  nodeId: true,
  body: true,
  parentId: true,
  createdAt: true,
  resolvedAt: true,
} as const;

/** At most this many comments per version are listed. */
const MAX_COMMENTS = 2000;

export function commentsOfVersion(db: Db, versionId: string): Promise<CommentRow[]> {
  return db.reviewComment.findMany({
    where: { versionId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: MAX_COMMENTS,
    select,
  });
}

export function findComment(db: Db, id: string): Promise<CommentRow | null> {
  return db.reviewComment.findUnique({ where: { id }, select });
}

export function insertComment(
  db: Db,
  data: { versionId: string; authorId: string; body: string; nodeId: string | null; parentId: string | null },
): Promise<CommentRow> {
  return db.reviewComment.create({ data, select });
}

export function setCommentResolved(db: Db, id: string, resolvedAt: Date | null): Promise<CommentRow> {
  return db.reviewComment.update({ where: { id }, data: { resolvedAt }, select });
}
