import { lazy } from 'react';

/**
 * Every signed-in page, loaded on first visit: the editor does not carry the dashboard's
 * charts or the review pages (and the reverse). `vite.config.ts` names the shared chunks;
 * `client/size-budget.json` caps each route's initial JS.
 */
export const AccountPage = lazy(() =>
  import('../features/account/AccountPage').then((m) => ({ default: m.AccountPage })),
);
export const ApprovalLinkPage = lazy(() =>
  import('../features/approval-link/ApprovalLinkPage').then((m) => ({ default: m.ApprovalLinkPage })),
);
export const ApprovalsPage = lazy(() =>
  import('../features/approvals/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })),
);
export const ApprovalTaskPage = lazy(() =>
  import('../features/approvals/ApprovalTaskPage').then((m) => ({ default: m.ApprovalTaskPage })),
);
export const AssetsPage = lazy(() => import('../features/assets/AssetsPage').then((m) => ({ default: m.AssetsPage })));
export const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
export const ConnectorsPage = lazy(() =>
  import('../features/connectors/ConnectorsPage').then((m) => ({ default: m.ConnectorsPage })),
);
export const ConnectorImportPage = lazy(() =>
  import('../features/connector-import/ConnectorImportPage').then((m) => ({ default: m.ConnectorImportPage })),
);
export const CredentialsPage = lazy(() =>
  import('../features/credentials/CredentialsPage').then((m) => ({ default: m.CredentialsPage })),
);
export const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
export const EditorPage = lazy(() =>
  import('../features/editor-page/EditorPage').then((m) => ({ default: m.EditorPage })),
);
export const ImportPage = lazy(() => import('../features/interop/ImportPage').then((m) => ({ default: m.ImportPage })));
export const TemplatesPage = lazy(() =>
  import('../features/templates/TemplatesPage').then((m) => ({ default: m.TemplatesPage })),
);
export const PoliciesPage = lazy(() =>
  import('../features/policies/PoliciesPage').then((m) => ({ default: m.PoliciesPage })),
);
export const RequestReviewPage = lazy(() =>
  import('../features/review/RequestReviewPage').then((m) => ({ default: m.RequestReviewPage })),
);
export const ReviewInboxPage = lazy(() =>
  import('../features/review/ReviewInboxPage').then((m) => ({ default: m.ReviewInboxPage })),
);
export const ReviewPage = lazy(() => import('../features/review/ReviewPage').then((m) => ({ default: m.ReviewPage })));
export const RunNowPage = lazy(() => import('../features/run-now/RunNowPage').then((m) => ({ default: m.RunNowPage })));
export const RunDetailPage = lazy(() =>
  import('../features/runs/RunDetailPage').then((m) => ({ default: m.RunDetailPage })),
);
export const RunsPage = lazy(() => import('../features/runs/RunsPage').then((m) => ({ default: m.RunsPage })));
export const SafetyListsPage = lazy(() =>
  import('../features/safety-lists/SafetyListsPage').then((m) => ({ default: m.SafetyListsPage })),
);
export const SimulatePage = lazy(() =>
  import('../features/simulation/SimulatePage').then((m) => ({ default: m.SimulatePage })),
);
export const TokensPage = lazy(() => import('../features/tokens/TokensPage').then((m) => ({ default: m.TokensPage })));
export const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
export const DiffPage = lazy(() => import('../features/versions/DiffPage').then((m) => ({ default: m.DiffPage })));
export const VersionsPage = lazy(() =>
  import('../features/versions/VersionsPage').then((m) => ({ default: m.VersionsPage })),
);
export const WorkflowListPage = lazy(() =>
  import('../features/workflows/WorkflowListPage').then((m) => ({ default: m.WorkflowListPage })),
);
export const WorkflowSettingsPage = lazy(() =>
  import('../features/workflow-settings/WorkflowSettingsPage').then((m) => ({ default: m.WorkflowSettingsPage })),
);
