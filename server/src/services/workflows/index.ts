/**
 * Workflows, immutable versions, two-person review, publishing and simulations.
 * `createWorkflowServices(ctx)` builds the use-cases the routes call;
 * `createSimulationService(ctx, { safety })` needs the safety lists (ops module).
 */
import type { AppContext } from '../../context';
import { createCommentService } from './comments';
import { createConnectorChecks, type ConnectorChecks } from './connector-checks';
import { createPublishService } from './publish';
import { createReviewService } from './reviews';
import { createVersionService } from './versions';
import { createWorkflowService } from './workflows';

/** `connectors` checks connector steps at save, review request and publish. @default the shipped catalog, no credentials */
export function createWorkflowServices(ctx: AppContext, connectors: ConnectorChecks = createConnectorChecks()) {
  return {
    workflows: createWorkflowService(ctx, connectors),
    versions: createVersionService(ctx, connectors),
    reviews: createReviewService(ctx, connectors),
    comments: createCommentService(ctx),
    publishing: createPublishService(ctx, connectors),
  };
}

export type WorkflowServices = ReturnType<typeof createWorkflowServices>;

export { createSimulationService, type SimulationService, type SimulateInput } from './simulations';
export { createWorkflowService, slugify, type WorkflowService } from './workflows';
export { createVersionService, type VersionService, type SavedVersion } from './versions';
export { createReviewService, type ReviewService } from './reviews';
export { createCommentService, type CommentService } from './comments';
export { createPublishService, type PublishService } from './publish';
export { prepareDocument, emptyLike } from './documents';
export { createConnectorChecks, simulatedConnectors, type ConnectorChecks } from './connector-checks';
export { getPublishedVersion, publishedDocumentResolver, type PublishedVersion } from '../../store/versions';
