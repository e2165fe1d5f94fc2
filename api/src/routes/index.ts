/** Every route contract, by area. A route the server registers must come from here. */
import { workflowsApi } from './workflows';
import { reviewsApi } from './reviews';
import { triggersApi } from './triggers';
import { usersApi } from './users';
import { runsApi } from './runs';
import { approvalsApi } from './approvals';
import { approvalLinksApi } from './approval-links';
import { simulationsApi } from './simulations';
import { authApi } from './auth';
import { tokensApi } from './tokens';
import { secretsApi } from './secrets';
import { safetyApi } from './safety';
import { assetsApi } from './assets';
import { auditApi } from './audit';
import { dashboardApi } from './dashboard';
import { layoutApi } from './layout';
import { connectorsApi } from './connectors';
import { credentialsApi } from './credentials';
import { settingsChangesApi } from './settings-changes';
import { policiesApi } from './policies';
import { replaysApi } from './replays';
import { interopApi } from './interop';
import { templatesApi } from './templates';

export * from './common';
export * from './workflows';
export * from './reviews';
export * from './triggers';
export * from './users';
export * from './runs';
export * from './approvals';
export * from './approval-links';
export * from './simulations';
export * from './auth';
export * from './tokens';
export * from './secrets';
export * from './safety';
export * from './assets';
export * from './audit';
export * from './dashboard';
export * from './layout';
export * from './connectors';
export * from './credentials';
export * from './settings-changes';
export * from './policies';
export * from './replays';
export * from './interop';
export * from './templates';

export const ROUTES = {
  workflows: workflowsApi,
  reviews: reviewsApi,
  triggers: triggersApi,
  users: usersApi,
  runs: runsApi,
  approvals: approvalsApi,
  approvalLinks: approvalLinksApi,
  simulations: simulationsApi,
  auth: authApi,
  tokens: tokensApi,
  secrets: secretsApi,
  safety: safetyApi,
  assets: assetsApi,
  audit: auditApi,
  dashboard: dashboardApi,
  layout: layoutApi,
  connectors: connectorsApi,
  credentials: credentialsApi,
  settingsChanges: settingsChangesApi,
  policies: policiesApi,
  replays: replaysApi,
  interop: interopApi,
  templates: templatesApi,
} as const;
