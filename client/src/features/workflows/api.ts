import { api } from '../../api/client';

export interface WorkflowListItem {
  id: string;
  slug: string;
  name: string;
  owner: { id: string; username: string; displayName: string };
  tags: string[];
  severity: string;
  killSwitch: boolean;
  createdAt: string;
  publishedVersion: number | null;
  latestVersion: { number: number; status: string; savedAt: string } | null;
  lastRun: { status: string; at: string; finishedAt: string | null } | null;
}

export function listWorkflows(params: {
  search?: string;
  status?: string;
}): Promise<{ workflows: WorkflowListItem[] }> {
  const q = new URLSearchParams();
  if (params.search) q.set('search', params.search);
  if (params.status) q.set('status', params.status);
  return api(`/workflows${q.size ? `?${q}` : ''}`);
}
