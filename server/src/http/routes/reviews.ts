/** Two-person review: requests, decisions, the reviewer's inbox, and comments on versions. */
import { z } from 'zod';
import { ReviewStatus } from '../../generated/prisma/enums';
import type { WorkflowServices } from '../../services/workflows';
import type { RouteModule } from '../app';
import { VersionNumber, WorkflowRef } from './workflows';

export type ReviewRouteDeps = Pick<WorkflowServices, 'reviews' | 'comments'>;

const RefVersion = z.object({ id: WorkflowRef, number: VersionNumber });
const NodeRef = z.string().min(1).max(64);

const RequestBody = z
  .object({ reviewerIds: z.array(z.uuid()).min(1).max(20), note: z.string().max(10_000).optional() })
  .strict();

const DecisionBody = z
  .object({
    decision: z.enum(['approve', 'request_changes']),
    comment: z.string().max(10_000).optional(),
    nodeId: NodeRef.optional(),
    /** The content hash the reviewer looked at; a decision on other content is refused (409). */
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a sha-256 hex digest')
      .optional(),
  })
  .strict();

const InboxQuery = z.object({
  mine: z.enum(['assigned', 'requested']).optional(),
  status: z.union([z.enum(ReviewStatus), z.literal('all')]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const CommentBody = z
  .object({ body: z.string().trim().min(1).max(10_000), nodeId: NodeRef.optional(), parentId: z.uuid().optional() })
  .strict();

export function reviewRoutes({ reviews, comments }: ReviewRouteDeps): RouteModule {
  return (api) => {
    const tag = 'reviews';
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/versions/:number/review',
        summary: 'Ask reviewers to review a draft without problems (author, owner, admin)',
        tag,
        access: ['analyst', 'admin'],
        params: RefVersion,
        body: RequestBody,
        status: 201,
      },
      async ({ params, body, actor }) => reviews.request(actor, params.id, params.number, body),
    );
    api.add(
      {
        method: 'post',
        path: '/reviews/:reviewId/decisions',
        summary: "Approve or request changes (never on one's own version, admins included)",
        tag,
        access: ['reviewer', 'admin'],
        params: z.object({ reviewId: z.uuid() }),
        body: DecisionBody,
        status: 201,
      },
      async ({ params, body, actor }) => reviews.decide(actor, params.reviewId, body),
    );
    api.add(
      {
        method: 'get',
        path: '/reviews',
        summary: 'Reviews, newest first; `mine=assigned` is the reviewer inbox (open by default)',
        tag,
        access: 'authenticated',
        query: InboxQuery,
      },
      async ({ query, actor }) => ({ reviews: await reviews.inbox(actor, query) }),
    );
    api.add(
      {
        method: 'get',
        path: '/reviews/:reviewId',
        summary: 'A review: decisions, diff against the published version, risk, sample simulations',
        tag,
        access: 'authenticated',
        params: z.object({ reviewId: z.uuid() }),
      },
      async ({ params }) => reviews.get(params.reviewId),
    );
    api.add(
      {
        method: 'get',
        path: '/workflows/:id/versions/:number/comments',
        summary: 'Comment threads on a version',
        tag,
        access: 'authenticated',
        params: RefVersion,
      },
      async ({ params }) => ({ threads: await comments.list(params.id, params.number) }),
    );
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/versions/:number/comments',
        summary: 'Comment on a version or one of its nodes, or reply',
        tag,
        access: ['analyst', 'reviewer', 'admin'],
        params: RefVersion,
        body: CommentBody,
        status: 201,
      },
      async ({ params, body, actor }) => comments.add(actor, params.id, params.number, body),
    );
    api.add(
      {
        method: 'patch',
        path: '/workflows/:id/versions/:number/comments/:commentId',
        summary: 'Resolve or reopen a comment',
        tag,
        access: ['analyst', 'reviewer', 'admin'],
        params: RefVersion.extend({ commentId: z.uuid() }),
        body: z.object({ resolved: z.boolean() }).strict(),
      },
      async ({ params, body, actor }) =>
        comments.resolve(actor, params.id, params.number, params.commentId, body.resolved),
    );
  };
}
