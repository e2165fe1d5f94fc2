/**
 * Connector health (contract: `connectorsApi.health`): each connector's credentials' latest
 * probes, drift events and affected workflows. Registered before the connector routes, so
 * that `/connectors/health` is not read as a connector id.
 */
import { connectorsApi } from '@autonomic/api';
import type { ProbeService } from '../../services/credentials/probes';
import type { RouteModule } from '../app';

export function connectorHealthRoutes({ probes }: { probes: Pick<ProbeService, 'health'> }): RouteModule {
  return (api) => {
    api.add(connectorsApi.health, async () => ({ connectors: await probes.health() }));
  };
}
