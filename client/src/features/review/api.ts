import type { DiffRisk, WorkflowDiff } from '@autonomic/workflow';
import { api } from '../../api/client';
import type { Role } from '../../auth/store';
import type { VersionSummary } from '../versions/api';

export type ReviewStatus = 'open' | 'approved' | 'changes_requested' | 'cancelled';

export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface ReviewSummary {
  id: string;
  status: ReviewStatus;
  requiredApprovals: number;
  samplesRequired: boolean;
  requestedReviewerIds: string[];
  /** Reviewers whose approval counts for the version's current content. */
  approvedBy: string[];
  createdAt: string;
  closedAt: string | null;
}

export interface InboxItem {
  id: string;
  status: ReviewStatus;
  requiredApprovals: number;
  requestedReviewerIds: string[];
  createdAt: string;
  requestedBy: { id: string; username: string; displayName: string };
  workflow: { id: string; slug: string; name: string };
  version: { id: string; number: number; status: string; contentHash: string };
  approvals: number;
  myDecision: 'approve' | 'request_changes' | null;
}

export interface Decision {
  id: string;
  reviewerId: string;
  reviewer: { username: string; displayName: string };
  decision: 'approve' | 'request_changes';
  comment: string | null;
  nodeId: string | null;
  contentHash: string;
  createdAt: string;
}

export interface SampleStatus {
  name: string;
  status: 'passed' | 'failed' | 'not_run';
  runId?: string;
  at?: string;
  failures?: string[];
}

export interface PolicyStatus {
  requiredApprovals: number;
  approvedBy: string[];
  samplesRequired: boolean;
  samples: SampleStatus[];
  /** What is still missing before the version is approved, in words. */
  missing: string[];
  satisfied: boolean;
}

export interface ReviewDetail extends ReviewSummary {
  workflow: { id: string; slug: string; name: string };
  version: VersionSummary;
  decisions: Decision[];
  /** The published version the diff is against; null for a first version. */
  against: { number: number; contentHash: string } | null;
  risk: DiffRisk | null;
  diff: WorkflowDiff | null;
  policy: PolicyStatus;
}

export interface Comment {
  id: string;
  versionId: string;
  authorId: string;
  author: { username: string; displayName: string };
  nodeId: string | null;
  body: string;
  parentId: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface Thread extends Comment {
  replies: Comment[];
}

const version = (id: string, n: number) => `/workflows/${encodeURIComponent(id)}/versions/${n}`;

export function getDirectory(): Promise<{ users: DirectoryUser[] }> {
  return api('/users/directory');
}

export function requestReview(
  id: string,
  number: number,
  body: { reviewerIds: string[]; note?: string },
): Promise<{ review: ReviewSummary; risk: DiffRisk; riskReasons: string[] }> {
  return api(`${version(id, number)}/review`, { method: 'POST', body });
}

export function listReviews(
  mine: 'assigned' | 'requested',
  status: ReviewStatus | 'all' = 'open',
): Promise<{ reviews: InboxItem[] }> {
  return api(`/reviews?mine=${mine}&status=${status}`);
}

export function getReview(id: string): Promise<ReviewDetail> {
  return api(`/reviews/${id}`);
}

export function decideReview(
  id: string,
  body: { decision: 'approve' | 'request_changes'; comment?: string; nodeId?: string; contentHash?: string },
): Promise<ReviewDetail> {
  return api(`/reviews/${id}/decisions`, { method: 'POST', body });
}

export function listComments(id: string, number: number): Promise<{ threads: Thread[] }> {
  return api(`${version(id, number)}/comments`);
}

export function addComment(
  id: string,
  number: number,
  body: { body: string; nodeId?: string; parentId?: string },
): Promise<Comment> {
  return api(`${version(id, number)}/comments`, { method: 'POST', body });
}

export function publishVersion(id: string, number: number): Promise<{ published: VersionSummary }> {
  return api(`${version(id, number)}/publish`, { method: 'POST' });
}
