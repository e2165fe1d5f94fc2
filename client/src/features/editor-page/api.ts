import { layoutApi, workflowsApi } from '@autonomic/api';
import type { UiBlock } from '@autonomic/workflow';
import { api } from '../../api/client';

/** Creates a workflow and its version 1. */
export const createWorkflow = (document: Record<string, unknown>, changeNote: string) =>
  api(workflowsApi.create, { body: { document, changeNote } });

/** Layout stored over the latest version (moves alone make no version); `ui` null: none. */
export const getLayout = (id: string) => api(layoutApi.get, { params: { id } });

export const putLayout = (id: string, ui: UiBlock) => api(layoutApi.put, { params: { id }, body: { ui } });
