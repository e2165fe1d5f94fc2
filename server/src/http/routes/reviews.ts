/** Two-person review: requests, decisions, the reviewer's inbox, and comments on versions (contract: `reviewsApi`). */
import { reviewsApi } from '@autonomic/api';
import type { WorkflowServices } from '../../services/workflows';
import type { RouteModule } from '../app';

export type ReviewRouteDeps = Pick<WorkflowServices, 'reviews' | 'comments'>;

export function reviewRoutes({ reviews, comments }: ReviewRouteDeps): RouteModule {
  return (api) => {
    api.add(reviewsApi.request, ({ params, body, actor }) => reviews.request(actor, params.id, params.number, body));
    api.add(reviewsApi.decide, ({ params, body, actor }) => reviews.decide(actor, params.reviewId, body));
    api.add(reviewsApi.inbox, async ({ query, actor }) => ({ reviews: await reviews.inbox(actor, query) }));
    api.add(reviewsApi.get, ({ params }) => reviews.get(params.reviewId));
    api.add(reviewsApi.listComments, async ({ params }) => ({
      threads: await comments.list(params.id, params.number),
    }));
    api.add(reviewsApi.addComment, ({ params, body, actor }) => comments.add(actor, params.id, params.number, body));
    api.add(reviewsApi.resolveComment, ({ params, body, actor }) =>
      comments.resolve(actor, params.id, params.number, params.commentId, body.resolved),
    );
  };
}
