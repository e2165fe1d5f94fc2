/**
 * The review policy: one approval; two, and a passing simulation of every sample event,
 * when the change against the published version is high risk. Approvals count once per
 * reviewer and only for the content hash they saw; the author's never counts.
 */
import type { Db } from '../../store/db';
import type {
  Actor,
  PolicyStatus as PolicyStatusSchema,
  ReviewSummary as ReviewSummarySchema,
  SampleStatus as SampleStatusSchema,
} from '@autonomic/api';
import type { z } from 'zod';
import { latestSampleChecks, type StoredSampleCheck } from '../../store/simulations';
import { findVersionById, setVersionStatus, type VersionRecord } from '../../store/versions';
import { closeReview, lockReview, openReviewOfVersion, type ReviewRow } from '../../store/versions-reviews';
import { recordAudit } from '../audit';
import { loadStored } from './documents';

/** Two approvals mark a high-risk review; the same finding requires the sample simulations. */
export const HIGH_RISK_APPROVALS = 2;

export function samplesRequired(review: Pick<ReviewRow, 'requiredApprovals'>): boolean {
  return review.requiredApprovals >= HIGH_RISK_APPROVALS;
}

/** The contract's `ReviewSummary`, dates as `Date`. */
export type ReviewSummary = z.input<typeof ReviewSummarySchema>;

type Vote = Pick<ReviewRow['decisions'][number], 'reviewerId' | 'decision' | 'contentHash'>;

/** Distinct reviewers whose latest decision on the review approves `contentHash`. */
export function approversOf(review: { decisions: readonly Vote[] }, contentHash: string, authorId?: string): string[] {
  const latest = new Map<string, Vote>();
  for (const d of review.decisions) latest.set(d.reviewerId, d);
  return [...latest.values()]
    .filter((d) => d.decision === 'approve' && d.contentHash === contentHash && d.reviewerId !== authorId)
    .map((d) => d.reviewerId);
}

export function reviewSummary(review: ReviewRow, contentHash: string): ReviewSummary {
  return {
    id: review.id,
    status: review.status,
    requiredApprovals: review.requiredApprovals,
    samplesRequired: samplesRequired(review),
    requestedReviewerIds: review.requestedReviewerIds,
    approvedBy: approversOf(review, contentHash),
    createdAt: review.createdAt,
    closedAt: review.closedAt,
  };
}

/** The contract's `SampleStatus` and `PolicyStatus`, dates as `Date`. */
export type SampleStatus = z.input<typeof SampleStatusSchema>;
export type PolicyStatus = z.input<typeof PolicyStatusSchema>;

export function sampleStatuses(names: string[], checks: Map<string, StoredSampleCheck>): SampleStatus[] {
  return [...new Set(names)].map((name): SampleStatus => {
    const c = checks.get(name);
    if (!c) return { name, status: 'not_run' };
    const status: SampleStatus = {
      name,
      status: c.passed ? 'passed' : 'failed',
      runId: c.runId,
      at: c.at,
      failures: c.failures,
    };
    return c.warnings?.length ? { ...status, warnings: c.warnings } : status;
  });
}

/** Where a review stands against the policy; reads the latest sample checks of the version. */
export async function policyStatus(db: Db, review: ReviewRow, version: VersionRecord): Promise<PolicyStatus> {
  const approvedBy = approversOf(review, version.contentHash, version.author.id);
  const needSamples = samplesRequired(review);
  const names = (loadStored(version.document).parsed?.samples ?? []).map((s) => s.name);
  const samples = sampleStatuses(names, await latestSampleChecks(db, version.id));
  const missing: string[] = [];
  if (approvedBy.length < review.requiredApprovals) {
    missing.push(`${review.requiredApprovals - approvedBy.length} more approval(s) of this content`);
  }
  if (needSamples) {
    if (samples.length === 0) missing.push('a sample event to simulate');
    for (const s of samples) if (s.status !== 'passed') missing.push(`a passing simulation of sample "${s.name}"`);
  }
  return {
    requiredApprovals: review.requiredApprovals,
    approvedBy,
    samplesRequired: needSamples,
    samples,
    missing,
    satisfied: missing.length === 0,
  };
}

/**
 * Approves the version when its open review now satisfies the policy: after an approval,
 * and after a sample simulation (the last condition to be met may be either). Runs in
 * the caller's transaction, with the review row locked.
 * @returns whether the version became approved
 */
export async function approveIfReady(
  db: Db,
  actor: Actor,
  versionId: string,
  why: { cause: 'approval' | 'sample_simulation'; at: Date },
): Promise<boolean> {
  const open = await openReviewOfVersion(db, versionId);
  if (!open) return false;
  await lockReview(db, open.id);
  const review = await openReviewOfVersion(db, versionId);
  const version = await findVersionById(db, versionId);
  if (!review || !version || version.status !== 'in_review') return false;
  const status = await policyStatus(db, review, version);
  if (!status.satisfied) return false;
  await closeReview(db, review.id, 'approved', why.at);
  await setVersionStatus(db, version.id, 'approved');
  await recordAudit(db, {
    actor,
    action: 'version.approved',
    targetType: 'workflow_version',
    targetId: version.id,
    afterHash: version.contentHash,
    details: {
      workflowId: version.workflowId,
      number: version.number,
      reviewId: review.id,
      approvedBy: status.approvedBy,
      samplesRequired: status.samplesRequired,
      samples: status.samples.map((s) => ({ name: s.name, runId: s.runId })),
      cause: why.cause,
    },
  });
  return true;
}
