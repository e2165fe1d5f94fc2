/** The connectors, built-in and custom (contract: `connectorsApi` in @autonomic/api). */
import { connectorsApi } from '@autonomic/api';
import type { DriftService } from '../../services/connector-drift';
import type { ConnectorUpgradeService } from '../../services/connector-upgrades';
import type { ConnectorService } from '../../services/connectors';
import type { CustomConnectorService } from '../../services/custom-connectors';
import { createOpenApiImport } from '../../services/custom-connectors/openapi';
import type { RouteModule } from '../app';

export function connectorRoutes({
  connectors,
  custom,
  drift,
  upgrades,
}: {
  connectors: ConnectorService;
  custom: CustomConnectorService;
  /** Without it (tests of the other routes), the drift routes are not served. */
  drift?: DriftService;
  /** Without it (tests of the other routes), where each version is used is not served. */
  upgrades?: Pick<ConnectorUpgradeService, 'usages'>;
}): RouteModule {
  return (api) => {
    api.add(connectorsApi.list, async ({ actor }) => ({ connectors: await connectors.list(actor) }));
    // Before /connectors/:id, which would otherwise take `drift` for a connector id.
    if (drift) {
      api.add(connectorsApi.drift, async ({ query }) => ({ drift: await drift.list(query) }));
      api.add(connectorsApi.acknowledgeDrift, async ({ params, actor }) => drift.acknowledge(params.id, actor));
    }
    api.add(connectorsApi.get, async ({ params, query, actor }) => connectors.get(params.id, query.version, actor));
    if (upgrades) api.add(connectorsApi.usages, ({ params, actor }) => upgrades.usages(actor, params.id));
    api.add(connectorsApi.create, async ({ body, actor }) => custom.create(body, actor));
    api.add(connectorsApi.approve, async ({ params, actor }) => custom.approve(params.id, params.version, actor));
    api.add(connectorsApi.reject, async ({ params, actor }) => custom.reject(params.id, params.version, actor));
    api.add(connectorsApi.removeVersion, async ({ params, actor }) => {
      await custom.remove(params.id, params.version, actor);
    });
    const openapi = createOpenApiImport(custom);
    api.add(connectorsApi.openApiPreview, async ({ body }) => openapi.preview(body.document));
    api.add(connectorsApi.openApiImport, async ({ body, actor }) => openapi.import(body, actor));
  };
}
