/** The installed connectors (contract: `connectorsApi` in @autonomic/api). */
import { connectorsApi } from '@autonomic/api';
import type { ConnectorService } from '../../services/connectors';
import type { RouteModule } from '../app';

export function connectorRoutes({ connectors }: { connectors: ConnectorService }): RouteModule {
  return (api) => {
    api.add(connectorsApi.list, async () => ({ connectors: connectors.list() }));
    api.add(connectorsApi.get, async ({ params }) => connectors.get(params.id));
  };
}
