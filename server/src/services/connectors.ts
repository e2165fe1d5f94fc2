/** Reading the installed connectors: the list (no secrets, only how each authenticates) and one definition. */
import type { ConnectorSummary } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { CONNECTORS } from '../connectors/registry';
import { NotFoundError } from '../errors';

export interface ConnectorService {
  list(): ConnectorSummary[];
  get(id: string): ConnectorDefinition;
}

export function createConnectorService(installed: readonly ConnectorDefinition[] = CONNECTORS): ConnectorService {
  return {
    list: () => installed.map(summary),
    get(id) {
      const found = installed.find((c) => c.id === id);
      if (!found) throw new NotFoundError(`connector ${id}`);
      return found;
    },
  };
}

function summary(c: ConnectorDefinition): ConnectorSummary {
  return {
    id: c.id,
    name: c.name,
    vendor: c.vendor,
    version: c.version,
    description: c.description,
    authType: c.auth.type,
    actions: Object.entries(c.actions).map(([id, a]) => ({
      id,
      title: a.title,
      effect: a.effect,
      ...(a.target ? { targetKind: a.target.kind } : {}),
    })),
  };
}
