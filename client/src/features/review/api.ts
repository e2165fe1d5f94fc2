import { reviewsApi, usersApi, workflowsApi, type ReviewDecisionBody, type ReviewStatus } from '@autonomic/api';
import { api } from '../../api/client';

const version = (id: string, number: number) => ({ id, number });

/** Enabled users, to pick reviewers from. */
export const getDirectory = () => api(usersApi.directory);

export const requestReview = (id: string, number: number, body: { reviewerIds: string[]; note?: string }) =>
  api(reviewsApi.request, { params: version(id, number), body });

export const listReviews = (mine: 'assigned' | 'requested', status: ReviewStatus | 'all' = 'open') =>
  api(reviewsApi.inbox, { query: { mine, status } });

export const getReview = (id: string) => api(reviewsApi.get, { params: { reviewId: id } });

export const decideReview = (id: string, body: ReviewDecisionBody) =>
  api(reviewsApi.decide, { params: { reviewId: id }, body });

export const listComments = (id: string, number: number) =>
  api(reviewsApi.listComments, { params: version(id, number) });

export const addComment = (id: string, number: number, body: { body: string; nodeId?: string; parentId?: string }) =>
  api(reviewsApi.addComment, { params: version(id, number), body });

/** `override`: publish although a credential it uses failed its latest health probe (the reason is audited). */
export const publishVersion = (id: string, number: number, override?: { reason: string }) =>
  api(workflowsApi.publish, { params: version(id, number), body: override ? { override } : {} });
