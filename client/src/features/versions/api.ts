import type { WorkflowDiff } from '@autonomic/workflow';
import { api } from '../../api/client';

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export type VersionStatus = 'draft' | 'in_review' | 'approved' | 'published' | 'retired' | 'rejected';

export interface VersionSummary {
  id: string;
  workflowId: string;
  number: number;
  contentHash: string;
  status: VersionStatus;
  changeNote: string | null;
  createdAt: string;
  author: UserRef;
}

export interface VersionDetail extends VersionSummary {
  /** The stored document, as stored: read it with `graphOfDocument`. */
  document: unknown;
  problems: { nodeId: string; path: string; message: string }[];
  /** Review requests of this version, oldest first. */
  reviews: { id: string; status: string; requiredApprovals: number; createdAt: string }[];
}

export interface WorkflowDetail {
  id: string;
  slug: string;
  name: string;
  ownerId: string;
  owner: UserRef;
  killSwitch: boolean;
  published: VersionSummary | null;
  latest: VersionSummary | null;
}

export interface DiffResponse {
  from: { number: number; contentHash: string };
  to: { number: number; contentHash: string };
  diff: WorkflowDiff;
}

export interface SavedVersion {
  created: boolean;
  version: VersionSummary;
  problems: { nodeId: string; path: string; message: string }[];
}

const wf = (id: string) => `/workflows/${encodeURIComponent(id)}`;

export function getWorkflow(id: string): Promise<WorkflowDetail> {
  return api(wf(id));
}

export function listVersions(id: string): Promise<{ versions: VersionSummary[] }> {
  return api(`${wf(id)}/versions`);
}

export function getVersion(id: string, number: number): Promise<VersionDetail> {
  return api(`${wf(id)}/versions/${number}`);
}

/** `from` may be `published`; the server answers with the numbers it compared. */
export function getDiff(id: string, from: number | 'published', to: number): Promise<DiffResponse> {
  return api(`${wf(id)}/diff?from=${from}&to=${to}`);
}

export function saveVersion(id: string, document: unknown, changeNote: string): Promise<SavedVersion> {
  return api(`${wf(id)}/versions`, { method: 'POST', body: { document, changeNote } });
}
