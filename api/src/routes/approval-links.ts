/**
 * Signed approve / reject links sent in approval messages. GET shows what the link would
 * decide and never decides; POST decides, once. Both are `public` at the route level: the
 * service asks for a session unless the deployment sets APPROVAL_LINKS_SIGNED_ONLY, and
 * a signed-in user may use only their own links (403 link_not_yours). A used link is
 * 409 link_used, an expired one 410 link_expired, an unknown or forged one 404 not_found.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant } from '../fields';
import { ApprovalStatus } from '../model/approvals';
import { RunStatus } from './common';

export const LinkParams = z.object({ token: z.string().min(1).max(200) });

export const ApprovalLinkView = z.object({
  /** The task's row id (its page: /approvals/:id). */
  taskId: z.uuid(),
  stepId: z.string(),
  message: z.string(),
  decision: z.enum(['approved', 'rejected']),
  /** The approver the link was sent to. */
  username: z.string(),
  taskStatus: ApprovalStatus,
  expiresAt: Instant,
  /** Whether deciding through it takes a sign-in (false: the deployment allows signed links alone). */
  signInRequired: z.boolean(),
});
export type ApprovalLinkView = z.infer<typeof ApprovalLinkView>;

export const LinkDecisionBody = z.object({ comment: z.string().trim().max(2_000).optional() }).strict();

export const LinkDecisionResult = z.object({
  decision: z.enum(['approved', 'rejected']),
  taskStatus: ApprovalStatus,
  run: z.object({ status: RunStatus }),
});
export type LinkDecisionResult = z.infer<typeof LinkDecisionResult>;

const tag = 'approvals';

export const approvalLinksApi = {
  show: defineRoute({
    method: 'get',
    path: '/approval-links/:token',
    summary: 'What a signed approval link decides (changes nothing)',
    tag,
    access: 'public',
    params: LinkParams,
    response: ApprovalLinkView,
  }),
  confirm: defineRoute({
    method: 'post',
    path: '/approval-links/:token',
    summary: 'Decide through a signed approval link: once, before the task times out, by its approver',
    tag,
    access: 'public',
    params: LinkParams,
    body: LinkDecisionBody,
    response: LinkDecisionResult,
  }),
};
