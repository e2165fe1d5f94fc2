/** Two-person review: request, decide, read, and the reviewer's inbox. */
import { diffWorkflows } from '@autonomic/workflow';
import type { AppContext } from '../../context';
import { transaction } from '../../store/db';
import type { Actor, ReviewDecisionBody } from '@autonomic/api';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { findVersionById, getPublishedVersion, setVersionStatus } from '../../store/versions';
import { insertComment } from '../../store/versions-comments';
import { closeReview, findReview, insertDecision, insertReview, lockReview } from '../../store/versions-reviews';
import { findWorkflow, lockWorkflow } from '../../store/workflows';
import { recordAudit } from '../audit';
import { assertMayDecide, assertNotAuthor } from './access';
import { createConnectorChecks, type ConnectorChecks } from './connector-checks';
import { emptyLike, loadStored, problemDetails } from './documents';
import { versionOrThrow, workflowOrThrow } from './lookup';
import { checkReviewers } from './reviewers';
import { reviewInbox, type InboxQuery } from './inbox';
import { approveIfReady, HIGH_RISK_APPROVALS, policyStatus, reviewBase, reviewSummary } from './review-policy';
import { summaryOf } from './versions';

/** A reviewer's decision; `contentHash`, when given and no longer the version's, refuses it. */
export type DecisionInput = ReviewDecisionBody;

export function createReviewService(ctx: AppContext, connectors: ConnectorChecks = createConnectorChecks()) {
  const { prisma } = ctx;
  const now = () => new Date(ctx.clock.now());

  /** Sends a draft without problems to reviewers; the policy is fixed from its diff against the published version. */
  async function request(
    actor: Actor,
    ref: string,
    number: number,
    input: { reviewerIds: string[]; note?: string | undefined },
  ) {
    return transaction(prisma, async (tx) => {
      const workflow = await workflowOrThrow(tx, ref);
      await lockWorkflow(tx, workflow.id);
      const version = await versionOrThrow(tx, workflow.id, number);
      const mayRequest = [version.author.id, workflow.ownerId].includes(actor.userId) || actor.role === 'admin';
      if (!mayRequest) throw new ForbiddenError('only the author, the owner or an admin may request a review');
      if (version.status !== 'draft') {
        throw new ConflictError(
          `version ${number} is ${version.status}: only a draft can be sent for review`,
          'not_draft',
        );
      }
      const { parsed, problems } = loadStored(version.document);
      problems.push(...(await connectors.problems(parsed)));
      if (!parsed || problems.length > 0) {
        throw new ValidationError(
          `version ${number} has ${problems.length} problem(s): fix them first`,
          problemDetails(problems),
        );
      }
      const reviewerIds = [...new Set(input.reviewerIds)];
      await checkReviewers(tx, input.reviewerIds, version.author.id);
      const published = await getPublishedVersion(tx, workflow.id);
      const diff = diffWorkflows(published?.document ?? emptyLike(parsed), parsed);
      const requiredApprovals = diff.risk === 'high' ? HIGH_RISK_APPROVALS : 1;
      if (reviewerIds.length < requiredApprovals) {
        const message = `a high-risk change needs ${requiredApprovals} approvals: ask at least ${requiredApprovals} reviewers`;
        throw new ValidationError(message, [{ path: 'body.reviewerIds', message }]);
      }
      if (requiredApprovals >= HIGH_RISK_APPROVALS && parsed.tests.length === 0) {
        const message = 'a high-risk change is approved only after its test cases pass: add one';
        throw new ValidationError(message, [{ path: 'document.tests', message }]);
      }
      const review = await insertReview(tx, {
        versionId: version.id,
        requestedById: actor.userId,
        requestedReviewerIds: reviewerIds,
        requiredApprovals,
        baseVersionId: published?.id ?? null,
      });
      await setVersionStatus(tx, version.id, 'in_review');
      if (input.note) {
        await insertComment(tx, {
          versionId: version.id,
          authorId: actor.userId,
          body: input.note,
          nodeId: null,
          parentId: null,
        });
      }
      const summary = reviewSummary(review, version.contentHash);
      await recordAudit(tx, {
        actor,
        action: 'version.review_requested',
        targetType: 'workflow_version',
        targetId: version.id,
        beforeHash: published?.contentHash ?? null,
        afterHash: version.contentHash,
        details: {
          workflowId: workflow.id,
          number,
          reviewId: review.id,
          reviewerIds,
          requiredApprovals,
          testsRequired: summary.testsRequired,
          risk: diff.risk,
          riskReasons: diff.riskReasons,
        },
      });
      return { review: summary, risk: diff.risk, riskReasons: diff.riskReasons };
    });
  }

  /** A reviewer's decision, bound to the version's content hash; never the author's. */
  async function decide(actor: Actor, reviewId: string, input: DecisionInput) {
    await transaction(prisma, async (tx) => {
      if (!(await findReview(tx, reviewId))) throw new NotFoundError('review');
      await lockReview(tx, reviewId);
      const review = await findReview(tx, reviewId);
      const version = review ? await findVersionById(tx, review.versionId) : null;
      if (!review || !version) throw new NotFoundError('review');
      assertNotAuthor(actor, version);
      if (review.status !== 'open') throw new ConflictError(`this review is ${review.status}`, 'review_closed');
      const override = assertMayDecide(actor, review.requestedReviewerIds, input.reason);
      if (input.contentHash !== undefined && input.contentHash !== version.contentHash) {
        throw new ConflictError('the content you reviewed is not this version’s', 'stale_content');
      }
      const { contentHash } = version;
      // One decision per person on one content: a second click must not log a second approval.
      const mine = review.decisions.filter((d) => d.reviewerId === actor.userId).at(-1);
      if (mine && mine.decision === input.decision && mine.contentHash === contentHash) {
        throw new ConflictError(
          `you already decided "${input.decision.replace('_', ' ')}" on this content`,
          'already_decided',
        );
      }
      const { reason: _reason, ...decision } = input;
      await insertDecision(tx, { reviewId, reviewerId: actor.userId, ...decision, contentHash });
      const details = { workflowId: version.workflowId, number: version.number, reviewId, decision: input.decision };
      await recordAudit(tx, {
        actor,
        action: 'review.decided',
        targetType: 'review',
        targetId: reviewId,
        afterHash: contentHash,
        details: { ...details, comment: input.comment ?? null, nodeId: input.nodeId ?? null, ...override },
      });
      if (input.decision === 'request_changes') {
        await closeReview(tx, reviewId, 'changes_requested', now());
        // Back to draft: the content cannot change, but its author may answer and ask again.
        await setVersionStatus(tx, version.id, 'draft');
        await recordAudit(tx, {
          actor,
          action: 'version.changes_requested',
          targetType: 'workflow_version',
          targetId: version.id,
          afterHash: contentHash,
          details,
        });
      } else {
        await approveIfReady(tx, actor, version.id, { cause: 'approval', at: now() });
      }
    });
    return get(reviewId);
  }

  /**
   * A review with its decisions, the diff against the version published when it was
   * requested (not the one published now: after publish that is the version itself), and
   * where it stands.
   */
  async function get(reviewId: string) {
    const review = await findReview(prisma, reviewId);
    const version = review ? await findVersionById(prisma, review.versionId) : null;
    const workflow = version ? await findWorkflow(prisma, version.workflowId) : null;
    if (!review || !version || !workflow) throw new NotFoundError('review');
    const { parsed } = loadStored(version.document);
    const base = await reviewBase(prisma, review);
    const diff = parsed ? diffWorkflows(base?.document ?? emptyLike(parsed), parsed) : null;
    return {
      ...reviewSummary(review, version.contentHash),
      workflow: { id: workflow.id, slug: workflow.slug, name: workflow.name },
      version: summaryOf(version),
      decisions: review.decisions,
      against: base ? { number: base.number, contentHash: base.contentHash } : null,
      risk: diff?.risk ?? null,
      diff,
      policy: await policyStatus(prisma, review, version),
    };
  }

  return { request, decide, get, inbox: (actor: Actor, q: InboxQuery) => reviewInbox(prisma, actor, q) };
}

export type ReviewService = ReturnType<typeof createReviewService>;
