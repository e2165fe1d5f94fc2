import { workflowsApi, type VersionStatus } from '@autonomic/api';
import { api } from '../../api/client';

export type { WorkflowListItem } from '@autonomic/api';

/** Workflows with their latest and published versions and last live run; an empty search or status filters nothing. */
export function listWorkflows(filter: { search?: string; status?: VersionStatus | '' }) {
  return api(workflowsApi.list, { query: { search: filter.search || undefined, status: filter.status || undefined } });
}
