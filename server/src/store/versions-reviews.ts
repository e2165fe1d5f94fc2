/** Reviews of versions and the reviewers' decisions. */
import type { Db } from './db';
import type { ReviewDecisionKind, ReviewStatus, UserRole, VersionStatus } from '../generated/prisma/enums';

export interface DecisionRow {
  id: string;
  reviewerId: string;
  reviewer: { username: string; displayName: string };
  decision: ReviewDecisionKind;
  comment: string | null;
  nodeId: string | null;
  contentHash: string;
  createdAt: Date;
}

export interface ReviewRow {
  id: string;
  versionId: string;
  requestedById: string;
  requestedReviewerIds: string[];
  requiredApprovals: number;
  /** The version published when the review was requested (null: none was). */
  baseVersionId: string | null;
  status: ReviewStatus;
  createdAt: Date;
  closedAt: Date | null;
  decisions: DecisionRow[];
}

const decision = {
  id: true,
  reviewerId: true,
  reviewer: { select: { username: true, displayName: true } },
  decision: true,
  comment: true,
  nodeId: true,
  contentHash: true,
  createdAt: true,
} as const;

const review = {
  id: true,
  versionId: true,
  requestedById: true,
  requestedReviewerIds: true,
  requiredApprovals: true,
  baseVersionId: true,
  status: true,
  createdAt: true,
  closedAt: true,
  decisions: { select: decision, orderBy: { createdAt: 'asc' } },
} as const;

export function findReview(db: Db, id: string): Promise<ReviewRow | null> {
  return db.review.findUnique({ where: { id }, select: review });
}

/** Locks a review row until the transaction ends: decisions on one review take turns. */
export async function lockReview(db: Db, id: string): Promise<void> {
  await db.$queryRaw`SELECT id FROM reviews WHERE id = ${id}::uuid FOR UPDATE`;
}

export function reviewsOfVersion(db: Db, versionId: string): Promise<ReviewRow[]> {
  return db.review.findMany({ where: { versionId }, select: review, orderBy: { createdAt: 'asc' } });
}

export function openReviewOfVersion(db: Db, versionId: string): Promise<ReviewRow | null> {
  return db.review.findFirst({ where: { versionId, status: 'open' }, select: review });
}

export function insertReview(
  db: Db,
  data: {
    versionId: string;
    requestedById: string;
    requestedReviewerIds: string[];
    requiredApprovals: number;
    baseVersionId: string | null;
  },
): Promise<ReviewRow> {
  return db.review.create({ data, select: review });
}

export async function closeReview(db: Db, id: string, status: ReviewStatus, at: Date): Promise<void> {
  await db.review.update({ where: { id }, data: { status, closedAt: at } });
}

export async function insertDecision(
  db: Db,
  data: {
    reviewId: string;
    reviewerId: string;
    decision: ReviewDecisionKind;
    comment?: string | undefined;
    nodeId?: string | undefined;
    contentHash: string;
  },
): Promise<void> {
  await db.reviewDecision.create({ data: { ...data, comment: data.comment ?? null, nodeId: data.nodeId ?? null } });
}

/** Whether this user approved (with a matching hash) any review of this version. */
export async function hasApproved(db: Db, versionId: string, contentHash: string, userId: string): Promise<boolean> {
  const found = await db.reviewDecision.findFirst({
    where: { reviewerId: userId, decision: 'approve', contentHash, review: { versionId } },
    select: { id: true },
  });
  return found !== null;
}

export function usersByIds(db: Db, ids: string[]): Promise<{ id: string; role: UserRole; disabled: boolean }[]> {
  return db.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true, disabled: true } });
}

export interface InboxRow {
  id: string;
  status: ReviewStatus;
  requiredApprovals: number;
  requestedReviewerIds: string[];
  createdAt: Date;
  requestedBy: { id: string; username: string; displayName: string };
  version: {
    id: string;
    number: number;
    contentHash: string;
    status: VersionStatus;
    workflow: { id: string; slug: string; name: string };
  };
  decisions: { reviewerId: string; decision: ReviewDecisionKind; contentHash: string }[];
}

/** Reviews, newest first: those a user is asked to do, or those a user asked for. */
export function listReviews(
  db: Db,
  filter: { assignedTo?: string; requestedBy?: string; status?: ReviewStatus; limit: number },
): Promise<InboxRow[]> {
  return db.review.findMany({
    where: {
      ...(filter.assignedTo ? { requestedReviewerIds: { has: filter.assignedTo } } : {}),
      ...(filter.requestedBy ? { requestedById: filter.requestedBy } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: { createdAt: 'desc' },
    take: filter.limit,
    select: {
      id: true,
      status: true,
      requiredApprovals: true,
      requestedReviewerIds: true,
      createdAt: true,
      requestedBy: { select: { id: true, username: true, displayName: true } },
      version: {
        select: {
          id: true,
          number: true,
          contentHash: true,
          status: true,
          workflow: { select: { id: true, slug: true, name: true } },
        },
      },
      decisions: { select: { reviewerId: true, decision: true, contentHash: true }, orderBy: { createdAt: 'asc' } },
    },
  });
}
