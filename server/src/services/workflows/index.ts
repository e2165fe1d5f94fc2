/**
 * Workflows, immutable versions, two-person review, publishing, simulations and test runs.
 * `createWorkflowServices(ctx)` builds the use-cases the routes call;
 * `createSimulationService(ctx, { safety })` and `createTestRunner(ctx, { safety })` need
 * the safety lists (ops module); pass the runner's `signal` to `createWorkflowServices`
 * so that a saved version's test run starts at once.
 */
import type { AppContext } from '../../context';
import { createCommentService } from './comments';
import { createConnectorChecks, type ConnectorChecks } from './connector-checks';
import { createPublishService } from './publish';
import { createReviewService } from './reviews';
import type { TestRunSignal } from './test-runs';
import { createVersionService, NO_SIGNAL } from './versions';
import { createWorkflowService } from './workflows';

/**
 * `connectors` checks connector steps at save, review request and publish. @default the shipped catalog, no credentials
 * `tests` is told when a save queued a test run. @default nobody (the runner finds it at its next poll)
 */
export function createWorkflowServices(
  ctx: AppContext,
  connectors: ConnectorChecks = createConnectorChecks(),
  tests: TestRunSignal = NO_SIGNAL,
) {
  return {
    workflows: createWorkflowService(ctx, connectors, tests),
    versions: createVersionService(ctx, connectors, tests),
    reviews: createReviewService(ctx, connectors),
    comments: createCommentService(ctx),
    publishing: createPublishService(ctx, connectors),
  };
}

export type WorkflowServices = ReturnType<typeof createWorkflowServices>;

export { createSimulationService, type SimulationService, type SimulateInput } from './simulations';
export { createTestRunner, type TestRunner, type TestRunnerDeps } from './test-runner';
export {
  createTestRunService,
  queueTests,
  testRunView,
  type TestRunService,
  type TestRunSignal,
  type TestRunView,
} from './test-runs';
export { createWorkflowService, slugify, type WorkflowService } from './workflows';
export { createSettingsReviewService, type SettingsReviewService } from './settings-review';
export { createVersionService, type VersionService, type SavedVersion } from './versions';
export { createReviewService, type ReviewService } from './reviews';
export { createCommentService, type CommentService } from './comments';
export { createPublishService, type PublishService } from './publish';
export { prepareDocument, emptyLike } from './documents';
export { createConnectorChecks, simulatedConnectors, type ConnectorChecks } from './connector-checks';
export { getPublishedVersion, publishedDocumentResolver, type PublishedVersion } from '../../store/versions';
