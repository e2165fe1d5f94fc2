import { page } from './lazyPage';

/**
 * Every signed-in page, loaded on first visit: the editor does not carry the dashboard's
 * charts or the review pages (and the reverse). `vite.config.ts` names the shared chunks;
 * `client/size-budget.json` caps each route's initial JS.
 */

export const AccountPage = page(() => import('../features/account/AccountPage').then((m) => m.AccountPage));
export const ApprovalLinkPage = page(() =>
  import('../features/approval-link/ApprovalLinkPage').then((m) => m.ApprovalLinkPage),
);
export const ApprovalsPage = page(() => import('../features/approvals/ApprovalsPage').then((m) => m.ApprovalsPage));
export const ApprovalTaskPage = page(() =>
  import('../features/approvals/ApprovalTaskPage').then((m) => m.ApprovalTaskPage),
);
export const AssetsPage = page(() => import('../features/assets/AssetsPage').then((m) => m.AssetsPage));
export const AuditPage = page(() => import('../features/audit/AuditPage').then((m) => m.AuditPage));
export const ConnectorsPage = page(() => import('../features/connectors/ConnectorsPage').then((m) => m.ConnectorsPage));
export const ConnectorImportPage = page(() =>
  import('../features/connector-import/ConnectorImportPage').then((m) => m.ConnectorImportPage),
);
export const CredentialsPage = page(() =>
  import('../features/credentials/CredentialsPage').then((m) => m.CredentialsPage),
);
export const DashboardPage = page(() => import('../features/dashboard/DashboardPage').then((m) => m.DashboardPage));
export const EditorPage = page(() => import('../features/editor-page/EditorPage').then((m) => m.EditorPage));
export const ImportPage = page(() => import('../features/interop/ImportPage').then((m) => m.ImportPage));
export const TemplatesPage = page(() => import('../features/templates/TemplatesPage').then((m) => m.TemplatesPage));
export const PoliciesPage = page(() => import('../features/policies/PoliciesPage').then((m) => m.PoliciesPage));
export const RequestReviewPage = page(() =>
  import('../features/review/RequestReviewPage').then((m) => m.RequestReviewPage),
);
export const ReviewInboxPage = page(() => import('../features/review/ReviewInboxPage').then((m) => m.ReviewInboxPage));
export const ReviewPage = page(() => import('../features/review/ReviewPage').then((m) => m.ReviewPage));
export const RunNowPage = page(() => import('../features/run-now/RunNowPage').then((m) => m.RunNowPage));
export const RunDetailPage = page(() => import('../features/runs/RunDetailPage').then((m) => m.RunDetailPage));
export const RunsPage = page(() => import('../features/runs/RunsPage').then((m) => m.RunsPage));
export const SafetyListsPage = page(() =>
  import('../features/safety-lists/SafetyListsPage').then((m) => m.SafetyListsPage),
);
export const SimulatePage = page(() => import('../features/simulation/SimulatePage').then((m) => m.SimulatePage));
export const TokensPage = page(() => import('../features/tokens/TokensPage').then((m) => m.TokensPage));
export const UsersPage = page(() => import('../features/users/UsersPage').then((m) => m.UsersPage));
export const DiffPage = page(() => import('../features/versions/DiffPage').then((m) => m.DiffPage));
export const VersionsPage = page(() => import('../features/versions/VersionsPage').then((m) => m.VersionsPage));
export const WorkflowListPage = page(() =>
  import('../features/workflows/WorkflowListPage').then((m) => m.WorkflowListPage),
);
export const WorkflowSettingsPage = page(() =>
  import('../features/workflow-settings/WorkflowSettingsPage').then((m) => m.WorkflowSettingsPage),
);
