/**
 * Connector steps checked against what this server has installed and the credentials it
 * holds (`connectorProblems` of @autonomic/workflow, the same check the editor runs):
 * shown as problems when a version is saved, and blocking a review request and a publish,
 * so that a missing connector version or credential is found before any run.
 */
import { connectorProblems, type Problem, type WorkflowDocument } from '@autonomic/workflow';
import { createConnectorCatalog, versionsOf } from '../../connectors/catalog';
import type { SimulatedConnectors } from '../../engine';
import type { ConnectorCatalog, ConnectorCredentials } from '../contracts';

export interface ConnectorChecks {
  /** The problems of the document's connector steps; none for a draft that does not parse. */
  problems(doc: WorkflowDocument | undefined): Promise<Problem[]>;
}

export interface ConnectorChecksDeps {
  /** @default the shipped connectors */
  catalog?: ConnectorCatalog;
  /** Without it, credentials are not checked (only that a step names one). */
  credentials?: Pick<ConnectorCredentials, 'index'>;
}

export function createConnectorChecks(deps: ConnectorChecksDeps = {}): ConnectorChecks {
  const catalog = deps.catalog ?? createConnectorCatalog();
  return {
    async problems(doc) {
      // Most documents have no connector step: they cost no credentials query.
      if (!doc || !Object.values(doc.steps).some((s) => s.type === 'connector')) return [];
      const credentials = deps.credentials ? await deps.credentials.index() : undefined;
      return connectorProblems(doc, {
        connectors: (id, version) => catalog.get(id, version),
        connectorVersions: (id) => versionsOf(catalog, id),
        ...(credentials ? { credentials } : {}),
      });
    },
  };
}

/** What a simulation knows about connectors: the definitions, and the credentials' modes (never their values). */
export function simulatedConnectors(
  catalog: ConnectorCatalog,
  credentials?: Pick<ConnectorCredentials, 'index'>,
): SimulatedConnectors {
  return {
    definition: (id, version) => catalog.get(id, version),
    credentialMode: async (name) => (await credentials?.index())?.find((c) => c.name === name)?.mode,
  };
}
