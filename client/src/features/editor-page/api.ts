import { layoutApi } from '@autonomic/api';
import type { Problem, UiBlock } from '@autonomic/workflow';
import { api } from '../../api/client';

export interface VersionSummary {
  id: string;
  workflowId: string;
  number: number;
  contentHash: string;
  status: string;
  changeNote: string;
  createdAt: string;
  author: { id: string; username: string; displayName: string };
}

export interface WorkflowView {
  id: string;
  slug: string;
  name: string;
  ownerId: string;
  owner: { id: string; username: string; displayName: string };
  published: VersionSummary | null;
  latest: VersionSummary | null;
}

export interface VersionDetail extends VersionSummary {
  document: unknown;
  problems: Problem[];
}

export interface SavedVersion {
  created: boolean;
  version: VersionSummary;
  problems: Problem[];
}

export const getWorkflow = (id: string) => api<WorkflowView>(`/workflows/${encodeURIComponent(id)}`);

export const getVersion = (id: string, number: number) =>
  api<VersionDetail>(`/workflows/${encodeURIComponent(id)}/versions/${number}`);

export const createWorkflow = (document: object, changeNote: string) =>
  api<SavedVersion & { workflow: { id: string; slug: string } }>('/workflows', {
    method: 'POST',
    body: { document, changeNote },
  });

export const saveVersion = (id: string, document: object, changeNote: string) =>
  api<SavedVersion>(`/workflows/${encodeURIComponent(id)}/versions`, {
    method: 'POST',
    body: { document, changeNote },
  });

/** Layout stored over the latest version (moves alone make no version); `ui` null: none. */
export const getLayout = (id: string) => api(layoutApi.get, { params: { id } });

export const putLayout = (id: string, ui: UiBlock) => api(layoutApi.put, { params: { id }, body: { ui } });
