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
 * Feature pages, one line each: `{ path, element }`. Features register here so that
 * App.tsx stays small and features do not edit each other's files.
 */
export const routes: { path: string; element: ReactElement }[] = [
  { path: '/workflows/new', element: <EditorPage /> },
  { path: '/workflows/:id', element: <EditorPage /> },
  { path: '/workflows/:id/versions/:number', element: <EditorPage /> },
  { path: '/workflows/:id/versions', element: <VersionsPage /> },
  { path: '/workflows/:id/diff', element: <DiffPage /> },
  { path: '/workflows/:id/versions/:number/simulate', element: <SimulatePage /> },
  { path: '/workflows/:id/run', element: <RunNowPage /> },
  { path: '/workflows/:id/settings', element: <WorkflowSettingsPage /> },
  { path: '/runs', element: <RunsPage /> },
  { path: '/runs/:id', element: <RunDetailPage /> },
  { path: '/approvals', element: <ApprovalsPage /> },
  { path: '/approvals/:taskId', element: <ApprovalTaskPage /> },
  { path: '/connectors', element: <ConnectorsPage /> },
  { path: '/workflows/:id/versions/:number/review', element: <RequestReviewPage /> },
  { path: '/reviews', element: <ReviewInboxPage /> },
  { path: '/reviews/:id', element: <ReviewPage /> },
  { path: '/dashboard', element: <DashboardPage /> },
  { path: '/account', element: <AccountPage /> },
  { path: '/admin/credentials', element: <CredentialsPage /> },
  { path: '/admin/connectors/import', element: <ConnectorImportPage /> },
  { path: '/admin/assets', element: <AssetsPage /> },
  { path: '/admin/policies', element: <PoliciesPage /> },
  { path: '/admin/audit', element: <AuditPage /> },
  { path: '/admin/safety', element: <SafetyListsPage /> },
  { path: '/admin/users', element: <UsersPage /> },
  { path: '/account/tokens', element: <TokensPage /> },
  { path: '/admin/tokens', element: <TokensPage all /> },
];
