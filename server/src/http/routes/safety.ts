/** Safety lists: every signed-in user reads them (analysts must see what is protected); admins change them (contract: `safetyApi`). */
import { safetyApi } from '@autonomic/api';
import type { SafetyService } from '../../services/safety';
import type { RouteModule } from '../app';

export interface SafetyRouteDeps {
  safety: SafetyService;
}

export function safetyRoutes({ safety }: SafetyRouteDeps): RouteModule {
  return (api) => {
    api.add(safetyApi.list, async ({ query }) => ({ entries: await safety.list(query) }));
    api.add(safetyApi.create, ({ body, actor }) => safety.create(body, actor));
    api.add(safetyApi.update, ({ params, body, actor }) => safety.update(params.id, body, actor));
    api.add(safetyApi.remove, async ({ params, actor }) => {
      await safety.remove(params.id, actor);
      return undefined;
    });
  };
}
