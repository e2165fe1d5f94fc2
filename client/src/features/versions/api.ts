import { workflowsApi } from '@autonomic/api';
import { api } from '../../api/client';

const ref = (id: string) => ({ id });

export const getWorkflow = (id: string) => api(workflowsApi.get, { params: ref(id) });

export const listVersions = (id: string) => api(workflowsApi.listVersions, { params: ref(id) });

/** A version with its stored document (read it with `graphOfDocument`), problems and review requests. */
export const getVersion = (id: string, number: number) => api(workflowsApi.getVersion, { params: { id, number } });

/** `from` may be `published`; the server answers with the numbers it compared. */
export const getDiff = (id: string, from: number | 'published', to: number) =>
  api(workflowsApi.diff, { params: ref(id), query: { from, to } });

/** Saves a new version; `created: false` when a version with the same content exists. */
export const saveVersion = (id: string, document: Record<string, unknown>, changeNote: string) =>
  api(workflowsApi.saveVersion, { params: ref(id), body: { document, changeNote } });
