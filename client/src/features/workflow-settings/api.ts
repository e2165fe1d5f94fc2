import {
  dashboardApi,
  settingsChangesApi,
  triggersApi,
  workflowsApi,
  type SloBody,
  type WorkflowSettingsChange,
} from '@autonomic/api';
import { api } from '../../api/client';

export const getSettings = (id: string) => api(workflowsApi.get, { params: { id } });

/** Tightening applies at once; loosening is filed as a pending change (the answer shows what is in force). */
export const updateSettings = (id: string, body: WorkflowSettingsChange) =>
  api(workflowsApi.updateSettings, { params: { id }, body });

export const listSettingsChanges = (id: string) => api(settingsChangesApi.list, { params: { id } });

export const decideSettingsChange = (id: string, changeId: string, decision: 'approved' | 'rejected') =>
  api(settingsChangesApi.decide, { params: { id, changeId }, body: { decision } });

/** The kill switch and who last turned it on or off, when and why. */
export const getKillSwitch = (id: string) => api(settingsChangesApi.killSwitch, { params: { id } });

/** How the published version starts: trigger type, an example event, the schedule. */
export const getTrigger = (id: string) => api(triggersApi.status, { params: { id } });

/** The webhook URL and whether a secret is set (never the secret). */
export const getWebhook = (id: string) => api(triggersApi.webhook, { params: { id } });

/** A new secret: the answer is the only time it is shown. */
export const rotateSecret = (id: string) => api(triggersApi.rotateSecret, { params: { id } });

export const removeSecret = (id: string) => api(triggersApi.removeSecret, { params: { id } });

/** Signs the event with the workflow's secret and delivers it: the run it started. */
export const sendTestEvent = (id: string, event: unknown) =>
  api(triggersApi.sendTest, { params: { id }, body: { event } });

/** The workflow's SLO and its state (the defaults when none is set). */
export const getSlo = async (workflowId: string) => {
  const { slos, defaults } = await api(dashboardApi.slos, { query: { workflowId } });
  return { slo: slos.find((s) => s.workflowId === workflowId) ?? null, defaults };
};

export const setSlo = (workflowId: string, body: SloBody) => api(dashboardApi.setSlo, { params: { workflowId }, body });
