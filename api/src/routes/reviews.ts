/** Two-person review: requests, decisions, the reviewer's inbox, and comments on versions. */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant, NullableInstant, UserRef } from '../fields';
import { TestRunView } from '../model/tests';
import { WorkflowVersionParams } from './common';
import { PolicyCheckView } from './policies';
import { DiffRisk, ReviewStatus, ReviewSummary, VersionStatus, VersionSummary, WorkflowDiff } from './workflows';

export const ReviewDecisionKind = z.enum(['approve', 'request_changes']);
export type ReviewDecisionKind = z.infer<typeof ReviewDecisionKind>;

/** A workflow as a review names it. */
const WorkflowName = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });
/** A person as a decision or a comment names them. */
const PersonName = z.object({ username: z.string(), displayName: z.string() });

export const ReviewDecision = z.object({
  id: z.uuid(),
  reviewerId: z.uuid(),
  reviewer: PersonName,
  decision: ReviewDecisionKind,
  comment: z.string().nullable(),
  nodeId: z.string().nullable(),
  /** The content the reviewer decided on. */
  contentHash: z.string(),
  createdAt: Instant,
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** A destructive step the change adds or changes, and whether the cases reach it and see it refused. */
export const DestructiveCheck = z.object({
  stepId: z.string(),
  label: z.string(),
  /** Some case's run reached it. */
  reached: z.boolean(),
  /** Some case saw it refused on a protected target. */
  refused: z.boolean(),
});
export type DestructiveCheck = z.infer<typeof DestructiveCheck>;

/** Where a review stands against the policy (one approval; two, green cases and covered destructive steps when high risk). */
export const PolicyStatus = z.object({
  requiredApprovals: z.number().int(),
  approvedBy: z.array(z.string()),
  testsRequired: z.boolean(),
  /** The latest test run of this content (`not_run` before the first). */
  tests: TestRunView,
  /** Destructive steps added or changed against the review's base (`against`). */
  destructive: z.array(DestructiveCheck),
  /** What is still missing before the version is approved, in words; empty when it may be. */
  missing: z.array(z.string()),
  satisfied: z.boolean(),
  /**
   * The content checked against the organisation's safety policies, with waivers (issue 15
   * §2). It does not hold the approval back; publish is refused while `blocking`.
   */
  policyCheck: PolicyCheckView.optional(),
});
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const ReviewDetail = ReviewSummary.extend({
  workflow: WorkflowName,
  version: VersionSummary,
  decisions: z.array(ReviewDecision),
  /**
   * The version the diff is against: the one published when the review was requested (it
   * stays so after a later publish); null when nothing was published then.
   */
  against: z.object({ number: z.number().int(), contentHash: z.string() }).nullable(),
  /** Null (as `diff`) when the version's document does not parse. */
  risk: DiffRisk.nullable(),
  diff: WorkflowDiff.nullable(),
  policy: PolicyStatus,
});
export type ReviewDetail = z.infer<typeof ReviewDetail>;

export const ReviewRequested = z.object({
  review: ReviewSummary,
  risk: DiffRisk,
  riskReasons: z.array(z.string()),
});
export type ReviewRequested = z.infer<typeof ReviewRequested>;

/** A review in the inbox: enough to list it without opening it. */
export const InboxItem = z.object({
  id: z.uuid(),
  status: ReviewStatus,
  requiredApprovals: z.number().int(),
  requestedReviewerIds: z.array(z.string()),
  createdAt: Instant,
  requestedBy: UserRef,
  workflow: WorkflowName,
  version: z.object({ id: z.uuid(), number: z.number().int(), status: VersionStatus, contentHash: z.string() }),
  /** Approvals that count for the version's current content. */
  approvals: z.number().int(),
  /** The caller's latest decision on this review. */
  myDecision: ReviewDecisionKind.nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const ReviewComment = z.object({
  id: z.uuid(),
  versionId: z.uuid(),
  authorId: z.uuid(),
  author: PersonName,
  nodeId: z.string().nullable(),
  body: z.string(),
  parentId: z.uuid().nullable(),
  createdAt: Instant,
  resolvedAt: NullableInstant,
});
export type ReviewComment = z.infer<typeof ReviewComment>;

/** A top-level comment with its replies, each in order (threads are one level deep). */
export const CommentThread = ReviewComment.extend({ replies: z.array(ReviewComment) });
export type CommentThread = z.infer<typeof CommentThread>;

const ReviewParams = z.object({ reviewId: z.uuid() });
const NodeRef = z.string().min(1).max(64);

const RequestBody = z
  .object({ reviewerIds: z.array(z.uuid()).min(1).max(20), note: z.string().max(10_000).optional() })
  .strict();

const DecisionBody = z
  .object({
    decision: ReviewDecisionKind,
    comment: z.string().max(10_000).optional(),
    nodeId: NodeRef.optional(),
    /** The content hash the reviewer looked at; a decision on other content is refused (409). */
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a sha-256 hex digest')
      .optional(),
    /**
     * Why an admin decides a review that was not requested from them: required then (400
     * naming `body.reason` without it) and written to the audit line; only the named
     * reviewers decide otherwise (403 `not_a_reviewer`).
     */
    reason: z.string().trim().min(1).max(2_000).optional(),
  })
  .strict();
export type ReviewDecisionBody = z.infer<typeof DecisionBody>;

const InboxQuery = z.object({
  /** `assigned`: reviews I am asked to do; `requested`: reviews I asked for. */
  mine: z.enum(['assigned', 'requested']).optional(),
  /** @default 'open' */
  status: z.union([ReviewStatus, z.literal('all')]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

const CommentBody = z
  .object({ body: z.string().trim().min(1).max(10_000), nodeId: NodeRef.optional(), parentId: z.uuid().optional() })
  .strict();

const tag = 'reviews';

export const reviewsApi = {
  request: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions/:number/review',
    summary: 'Ask reviewers to review a draft without problems (author, owner, admin)',
    tag,
    access: ['analyst', 'admin'],
    params: WorkflowVersionParams,
    body: RequestBody,
    response: ReviewRequested,
    status: 201,
  }),
  decide: defineRoute({
    method: 'post',
    path: '/reviews/:reviewId/decisions',
    summary:
      "Approve or request changes: the named reviewers, or an admin with a stated reason (never on one's own version, admins included)",
    tag,
    access: ['reviewer', 'admin'],
    params: ReviewParams,
    body: DecisionBody,
    response: ReviewDetail,
    status: 201,
  }),
  inbox: defineRoute({
    method: 'get',
    path: '/reviews',
    summary: 'Reviews, newest first; `mine=assigned` is the reviewer inbox (open by default)',
    tag,
    access: 'authenticated',
    query: InboxQuery,
    response: z.object({ reviews: z.array(InboxItem) }),
  }),
  get: defineRoute({
    method: 'get',
    path: '/reviews/:reviewId',
    summary: 'A review: decisions, diff against the published version, risk, sample simulations',
    tag,
    access: 'authenticated',
    params: ReviewParams,
    response: ReviewDetail,
  }),
  listComments: defineRoute({
    method: 'get',
    path: '/workflows/:id/versions/:number/comments',
    summary: 'Comment threads on a version',
    tag,
    access: 'authenticated',
    params: WorkflowVersionParams,
    response: z.object({ threads: z.array(CommentThread) }),
  }),
  addComment: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions/:number/comments',
    summary: 'Comment on a version or one of its nodes, or reply',
    tag,
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowVersionParams,
    body: CommentBody,
    response: ReviewComment,
    status: 201,
  }),
  resolveComment: defineRoute({
    method: 'patch',
    path: '/workflows/:id/versions/:number/comments/:commentId',
    summary: 'Resolve or reopen a comment',
    tag,
    access: ['analyst', 'reviewer', 'admin'],
    params: WorkflowVersionParams.extend({ commentId: z.uuid() }),
    body: z.object({ resolved: z.boolean() }).strict(),
    response: ReviewComment,
  }),
};
