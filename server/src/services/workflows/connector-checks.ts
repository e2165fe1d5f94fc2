/**
 * Connector steps checked against what this server has installed and the credentials it
 * holds (`connectorProblems` of @autonomic/workflow, the same check the editor runs):
 * shown as problems when a version is saved, and blocking a review request and a publish,
 * so that a missing connector version or credential is found before any run.
 */
import { connectorParams, connectorProblems, type Problem, type WorkflowDocument } from '@autonomic/workflow';
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
      await catalog.refresh?.();
      const credentials = deps.credentials ? await deps.credentials.index() : undefined;
      const problems = connectorProblems(doc, {
        connectors: (id, version) => catalog.get(id, version),
        connectorVersions: (id) => versionsOf(catalog, id),
        ...(credentials ? { credentials } : {}),
      });
      return problems.map((p) => underReview(p, doc, catalog));
    },
  };
}

/**
 * "… is not installed" (or "unknown connector", when no version of it is installed) says
 * why when the pinned version is stored but awaits review or was rejected.
 */
function underReview(problem: Problem, doc: WorkflowDocument, catalog: ConnectorCatalog): Problem {
  if (problem.path !== 'params.version' && problem.path !== 'params.connector') return problem;
  const pinned = connectorParams(doc.steps[problem.nodeId]?.params);
  const status = pinned && catalog.reviewStatus?.(pinned.connector, pinned.version);
  if (!pinned || !status) return problem;
  const why = status === 'pending_review' ? 'is awaiting review' : 'was rejected in review';
  const installed = problem.path === 'params.version' ? (problem.message.split(' is not installed')[1] ?? '') : '';
  return {
    ...problem,
    path: 'params.version',
    message: `${pinned.connector} ${pinned.version} ${why}, so it is not installed${installed}`,
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
