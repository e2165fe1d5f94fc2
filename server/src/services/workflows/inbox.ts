/** The reviewer inbox: reviews I am asked to do (or asked for), newest first. */
import type { Prisma } from '../../generated/prisma/client';
import type { ReviewStatus } from '../../generated/prisma/enums';
import type { Actor } from '@autonomic/api';
import { listReviews } from '../../store/versions-reviews';
import { approversOf } from './review-policy';

export interface InboxQuery {
  /** `assigned`: reviews I am asked to do; `requested`: reviews I asked for. */
  mine?: 'assigned' | 'requested' | undefined;
  /** @default 'open' */
  status?: ReviewStatus | 'all' | undefined;
  limit?: number | undefined;
}

export async function reviewInbox(db: Prisma.TransactionClient, actor: Actor, q: InboxQuery) {
  const status = q.status ?? 'open';
  const rows = await listReviews(db, {
    ...(q.mine === 'assigned' ? { assignedTo: actor.userId } : {}),
    ...(q.mine === 'requested' ? { requestedBy: actor.userId } : {}),
    ...(status === 'all' ? {} : { status }),
    limit: q.limit ?? 100,
  });
  return rows.map(({ decisions, version, ...r }) => ({
    ...r,
    workflow: version.workflow,
    version: { id: version.id, number: version.number, status: version.status, contentHash: version.contentHash },
    approvals: approversOf({ decisions }, version.contentHash).length,
    myDecision: decisions.filter((d) => d.reviewerId === actor.userId).at(-1)?.decision ?? null,
  }));
}
