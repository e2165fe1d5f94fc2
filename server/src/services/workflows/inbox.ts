/** The reviewer inbox: reviews I am asked to do (or asked for), newest first. */
import type { Db } from '../../store/db';
import type { Actor, InboxQuery } from '@autonomic/api';
import { listReviews } from '../../store/versions-reviews';
import { approversOf } from './review-policy';

export type { InboxQuery };

export async function reviewInbox(db: Db, actor: Actor, q: InboxQuery) {
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
