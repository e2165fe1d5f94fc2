import type { ReactElement } from 'react';
import { AccountPage } from '../features/account/AccountPage';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { ApprovalTaskPage } from '../features/approvals/ApprovalTaskPage';
import { AssetsPage } from '../features/assets/AssetsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { ConnectorsPage } from '../features/connectors/ConnectorsPage';
import { ConnectorImportPage } from '../features/connector-import/ConnectorImportPage';
import { CredentialsPage } from '../features/credentials/CredentialsPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { EditorPage } from '../features/editor-page/EditorPage';
import { ImportPage } from '../features/interop/ImportPage';
import { TemplatesPage } from '../features/templates/TemplatesPage';
import { PoliciesPage } from '../features/policies/PoliciesPage';
import { RequestReviewPage } from '../features/review/RequestReviewPage';
import { ReviewInboxPage } from '../features/review/ReviewInboxPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { RunNowPage } from '../features/run-now/RunNowPage';
import { RunDetailPage } from '../features/runs/RunDetailPage';
import { RunsPage } from '../features/runs/RunsPage';
import { SafetyListsPage } from '../features/safety-lists/SafetyListsPage';
import { SimulatePage } from '../features/simulation/SimulatePage';
import { TokensPage } from '../features/tokens/TokensPage';
import { UsersPage } from '../features/users/UsersPage';
import { DiffPage } from '../features/versions/DiffPage';
import { VersionsPage } from '../features/versions/VersionsPage';
import { WorkflowSettingsPage } from '../features/workflow-settings/WorkflowSettingsPage';

/**
 * Feature pages, one line each: `{ path, title, element }` (title: the tab's, "Runs — Autonomic"). Features register here so that
 * App.tsx stays small and features do not edit each other's files.
 */
export const routes: { path: string; title?: string; element: ReactElement }[] = [
  { path: '/workflows/new', title: 'New workflow', element: <EditorPage /> },
  { path: '/workflows/import', title: 'Import a playbook', element: <ImportPage /> },
  { path: '/workflows/templates', title: 'New from template', element: <TemplatesPage /> },
  { path: '/workflows/:id', title: 'Workflow editor', element: <EditorPage /> },
  { path: '/workflows/:id/versions/:number', title: 'Workflow version', element: <EditorPage /> },
  { path: '/workflows/:id/versions', title: 'Versions', element: <VersionsPage /> },
  { path: '/workflows/:id/diff', title: 'Compare versions', element: <DiffPage /> },
  { path: '/workflows/:id/versions/:number/simulate', title: 'Simulation', element: <SimulatePage /> },
  { path: '/workflows/:id/run', title: 'Run now', element: <RunNowPage /> },
  { path: '/workflows/:id/settings', title: 'Workflow settings', element: <WorkflowSettingsPage /> },
  { path: '/runs', title: 'Runs', element: <RunsPage /> },
  { path: '/runs/:id', title: 'Run', element: <RunDetailPage /> },
  { path: '/approvals', title: 'Approvals', element: <ApprovalsPage /> },
  { path: '/approvals/:taskId', title: 'Approval', element: <ApprovalTaskPage /> },
  { path: '/connectors', title: 'Connectors', element: <ConnectorsPage /> },
  { path: '/workflows/:id/versions/:number/review', title: 'Request review', element: <RequestReviewPage /> },
  { path: '/reviews', title: 'Reviews', element: <ReviewInboxPage /> },
  { path: '/reviews/:id', title: 'Review', element: <ReviewPage /> },
  { path: '/dashboard', title: 'Dashboard', element: <DashboardPage /> },
  { path: '/account', title: 'Account', element: <AccountPage /> },
  { path: '/admin/credentials', title: 'Credentials', element: <CredentialsPage /> },
  { path: '/admin/connectors/import', title: 'Import from OpenAPI', element: <ConnectorImportPage /> },
  { path: '/admin/assets', title: 'Assets', element: <AssetsPage /> },
  { path: '/admin/policies', title: 'Safety policies', element: <PoliciesPage /> },
  { path: '/admin/audit', title: 'Audit log', element: <AuditPage /> },
  { path: '/admin/safety', title: 'Safety lists', element: <SafetyListsPage /> },
  { path: '/admin/users', title: 'Users and roles', element: <UsersPage /> },
  { path: '/account/tokens', title: 'API tokens', element: <TokensPage /> },
  { path: '/admin/tokens', title: "Everyone's tokens", element: <TokensPage all /> },
];
