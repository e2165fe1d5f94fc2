/**
 * The review policy: one approval; when the change against the version published when the
 * review was requested is high
 * risk, two, and its test cases: a run of the version's content in which every case
 * passed (at least one case), and every destructive step the change adds or changes both
 * reached by a case in which it would run and refused on a protected target in another.
 * Approvals count once per reviewer and only for the content hash they saw; the
 * author's never counts.
 */
import { diffWorkflows, type WorkflowDocument } from '@autonomic/workflow';
import type { Db } from '../../store/db';
import type {
  DestructiveCheck,
  PolicyStatus as PolicyStatusSchema,
  ReviewSummary as ReviewSummarySchema,
} from '@autonomic/api';
import type { z } from 'zod';
import { findVersionById, setVersionStatus, type VersionRecord } from '../../store/versions';
import { closeReview, lockReview, openReviewOfVersion, type ReviewRow } from '../../store/versions-reviews';
import { recordAudit, type AuditEntry } from '../audit';
import { checkVersion } from '../policies';
import { findWorkflow } from '../../store/workflows';
import { emptyLike, loadStored } from './documents';
import { testRunView, type TestRunView } from './test-runs';

/** Two approvals mark a high-risk review; the same finding requires the test cases. */
export const HIGH_RISK_APPROVALS = 2;

export function testsRequired(review: Pick<ReviewRow, 'requiredApprovals'>): boolean {
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
    testsRequired: testsRequired(review),
    requestedReviewerIds: review.requestedReviewerIds,
    approvedBy: approversOf(review, contentHash),
    createdAt: review.createdAt,
    closedAt: review.closedAt,
  };
}

/** The contract's `PolicyStatus`, dates as `Date`. */
export type PolicyStatus = z.input<typeof PolicyStatusSchema>;

/** The version a review's diff is against, as it was when the review was requested. */
export interface ReviewBase {
  number: number;
  contentHash: string;
  document: WorkflowDocument;
}

/**
 * The version published when the review was requested; null when none was. Publishing
 * later does not move it, so the diff and risk a reviewer decided on stay as they were.
 */
export async function reviewBase(db: Db, review: Pick<ReviewRow, 'baseVersionId'>): Promise<ReviewBase | null> {
  const base = review.baseVersionId ? await findVersionById(db, review.baseVersionId) : null;
  const document = base ? loadStored(base.document).parsed : undefined;
  return base && document ? { number: base.number, contentHash: base.contentHash, document } : null;
}

/**
 * Destructive steps the version adds or changes against the review's base (against an
 * empty workflow when nothing was published), and what its test run showed of each:
 * reached by a case in which it would run, refused on a protected target in a case.
 */
export function destructiveChecks(
  base: WorkflowDocument | undefined,
  doc: WorkflowDocument,
  tests: TestRunView,
): DestructiveCheck[] {
  const diff = diffWorkflows(base ?? emptyLike(doc), doc);
  const steps = [...diff.steps.added, ...diff.steps.changed.map((c) => c.after)].filter(
    (s) => s.effect === 'destructive',
  );
  return steps
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => {
      const covered = tests.coverage?.destructive.find((d) => d.stepId === s.id);
      const refusedBy = covered?.refusedBy ?? [];
      return {
        stepId: s.id,
        label: s.label || s.id,
        reached: (covered?.reachedBy ?? []).some((name) => !refusedBy.includes(name)),
        // Behind an auto-OK check a protected target never reaches the step: held back counts.
        refused: refusedBy.length > 0 || (covered?.heldBackBy ?? []).length > 0,
      };
    });
}

/** What the test run still lacks, in words; empty when it satisfies the policy. */
function testsMissing(tests: TestRunView, destructive: readonly DestructiveCheck[]): string[] {
  switch (tests.status) {
    case 'not_run':
      return [tests.message === 'no test cases' ? 'a test case' : 'a run of the test cases of this content'];
    case 'queued':
    case 'running':
      return ['the test run of this content is still running'];
    case 'error':
      return [`the test run of this content could not run: ${tests.message ?? 'unknown error'}`];
    default:
  }
  const missing: string[] = [];
  if (tests.cases.length === 0) missing.push('a test case');
  for (const c of tests.cases) {
    if (!c.passed) missing.push(`case "${c.name}" fails: ${c.firstFailure ?? 'an assertion does not hold'}`);
  }
  for (const d of destructive) {
    if (!d.reached) missing.push(`no case reaches destructive step ${d.stepId} and lets it run`);
    if (!d.refused) {
      missing.push(
        `no case shows ${d.stepId} refused on a protected target (or held back from one by its auto-OK check)`,
      );
    }
  }
  return missing;
}

/** Where a review stands against the policy; reads the latest test run of the version's content. */
export async function policyStatus(db: Db, review: ReviewRow, version: VersionRecord): Promise<PolicyStatus> {
  const approvedBy = approversOf(review, version.contentHash, version.author.id);
  const needTests = testsRequired(review);
  const tests = await testRunView(db, version);
  const doc = loadStored(version.document).parsed;
  const base = doc ? await reviewBase(db, review) : null;
  const destructive = doc ? destructiveChecks(base?.document, doc, tests) : [];
  const missing: string[] = [];
  if (approvedBy.length < review.requiredApprovals) {
    missing.push(`${review.requiredApprovals - approvedBy.length} more approval(s) of this content`);
  }
  if (needTests) missing.push(...testsMissing(tests, destructive));
  // Shown to the reviewer beside what is missing; a violation blocks publish, not approval.
  const workflow = await findWorkflow(db, version.workflowId);
  const policyCheck = workflow ? await checkVersion(db, workflow, version) : undefined;
  return {
    requiredApprovals: review.requiredApprovals,
    approvedBy,
    testsRequired: needTests,
    tests,
    destructive,
    missing,
    satisfied: missing.length === 0,
    ...(policyCheck ? { policyCheck } : {}),
  };
}

/**
 * Approves the version when its open review now satisfies the policy: after an approval,
 * and after a test run of the version (the last condition to be met may be either). Runs in
 * the caller's transaction, with the review row locked.
 * @returns whether the version became approved
 */
export async function approveIfReady(
  db: Db,
  actor: AuditEntry['actor'],
  versionId: string,
  why: { cause: 'approval' | 'test_run'; at: Date },
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
      testsRequired: status.testsRequired,
      tests: {
        status: status.tests.status,
        contentHash: status.tests.contentHash,
        cases: status.tests.cases.map((c) => ({ name: c.name, runId: c.runId ?? null })),
      },
      destructive: status.destructive,
      cause: why.cause,
    },
  });
  return true;
}
