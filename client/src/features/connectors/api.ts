import { connectorsApi, workflowsApi, type ConnectorUpgradeBody } from '@autonomic/api';
import { api } from '../../api/client';

/** Every connector with its versions (installed ones; admins and reviewers also see the others). */
export const listConnectors = () => api(connectorsApi.list);

/** One version's definition: its actions, their effects and targets. */
export const getConnectorVersion = (id: string, version: string) =>
  api(connectorsApi.get, { params: { id }, query: { version } });

/** Per version, the published and latest workflow versions that pin it, and the newest installed version. */
export const getUsages = (id: string) => api(connectorsApi.usages, { params: { id } });

/** A new draft of the workflow with the connector's steps re-pinned to `toVersion`. */
export const upgradeWorkflow = (workflowId: string, body: ConnectorUpgradeBody) =>
  api(workflowsApi.connectorUpgrade, { params: { id: workflowId }, body });
