/** The connectors, built-in and custom (contract: `connectorsApi` in @autonomic/api). */
import { connectorsApi } from '@autonomic/api';
import type { DriftService } from '../../services/connector-drift';
import type { ConnectorService } from '../../services/connectors';
import type { CustomConnectorService } from '../../services/custom-connectors';
import type { RouteModule } from '../app';

export function connectorRoutes({
  connectors,
  custom,
  drift,
}: {
  connectors: ConnectorService;
  custom: CustomConnectorService;
  /** Without it (tests of the other routes), the drift routes are not served. */
  drift?: DriftService;
}): RouteModule {
  return (api) => {
    api.add(connectorsApi.list, async ({ actor }) => ({ connectors: await connectors.list(actor) }));
    // Before /connectors/:id, which would otherwise take `drift` for a connector id.
    if (drift) {
      api.add(connectorsApi.drift, async ({ query }) => ({ drift: await drift.list(query) }));
      api.add(connectorsApi.acknowledgeDrift, async ({ params, actor }) => drift.acknowledge(params.id, actor));
    }
    api.add(connectorsApi.get, async ({ params, query, actor }) => connectors.get(params.id, query.version, actor));
    api.add(connectorsApi.create, async ({ body, actor }) => custom.create(body, actor));
    api.add(connectorsApi.approve, async ({ params, actor }) => custom.approve(params.id, params.version, actor));
    api.add(connectorsApi.reject, async ({ params, actor }) => custom.reject(params.id, params.version, actor));
    api.add(connectorsApi.removeVersion, async ({ params, actor }) => {
      await custom.remove(params.id, params.version, actor);
    });
  };
}
