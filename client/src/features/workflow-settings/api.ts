import { settingsChangesApi, workflowsApi, type WorkflowSettingsChange } from '@autonomic/api';
import { api } from '../../api/client';

export const getSettings = (id: string) => api(workflowsApi.get, { params: { id } });

/** Tightening applies at once; loosening is filed as a pending change (the answer shows what is in force). */
export const updateSettings = (id: string, body: WorkflowSettingsChange) =>
  api(workflowsApi.updateSettings, { params: { id }, body });

export const listSettingsChanges = (id: string) => api(settingsChangesApi.list, { params: { id } });

export const decideSettingsChange = (id: string, changeId: string, decision: 'approved' | 'rejected') =>
  api(settingsChangesApi.decide, { params: { id, changeId }, body: { decision } });
