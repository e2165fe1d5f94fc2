/** Safety lists: every signed-in user reads them (analysts must see what is protected); admins change them, one by one or by CSV (contract: `safetyApi`). */
import { safetyApi } from '@autonomic/api';
import type { SafetyService } from '../../services/safety';
import type { RouteModule } from '../app';
import { acceptCsvBody, sendCsv } from '../csv';

export interface SafetyRouteDeps {
  safety: SafetyService;
}

export function safetyRoutes({ safety }: SafetyRouteDeps): RouteModule {
  return (api) => {
    acceptCsvBody(api.router, '/safety/entries/import');
    api.add(safetyApi.list, async ({ query }) => ({ entries: await safety.list(query) }));
    api.add(safetyApi.export, async ({ res }) => {
      const csv = await safety.exportCsv();
      sendCsv(res, csv.filename, csv.lines);
      return undefined;
    });
    api.add(safetyApi.import, ({ body, actor }) => safety.importCsv(body.csv, actor));
    api.add(safetyApi.create, ({ body, actor }) => safety.create(body, actor));
    api.add(safetyApi.update, ({ params, body, actor }) => safety.update(params.id, body, actor));
    api.add(safetyApi.remove, async ({ params, actor }) => {
      await safety.remove(params.id, actor);
      return undefined;
    });
  };
}
