import { createConnectorCatalog } from '../connectors/catalog';
import type { SimulatedConnectors } from '../engine';

/**
 * The shipped connectors, so that a connector step answers with its pinned action's
 * example. No credentials: the CLI holds none, and sends nothing anyway.
 */
export function shippedConnectors(): SimulatedConnectors {
  const catalog = createConnectorCatalog();
  return { definition: (id, version) => catalog.get(id, version) };
}
