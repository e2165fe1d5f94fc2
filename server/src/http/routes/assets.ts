/**
 * The asset inventory: every signed-in user reads and searches it, admins change it and
 * import CSV (contract: `assetsApi`). The import takes `{ csv }` as JSON or the file as a
 * `text/csv` body, which is read here into the same `{ csv }` before the contract checks it.
 */
import { assetsApi } from '@autonomic/api';
import type { AssetService } from '../../services/assets';
import type { RouteModule } from '../app';
import { acceptCsvBody, sendCsv } from '../csv';

export interface AssetRouteDeps {
  assets: AssetService;
}

export function assetRoutes({ assets }: AssetRouteDeps): RouteModule {
  return (api) => {
    acceptCsvBody(api.router, '/assets/import');
    api.add(assetsApi.list, ({ query }) => assets.list(query));
    api.add(assetsApi.lookup, ({ body }) => assets.lookup({ kind: body.kind, value: body.target }));
    api.add(assetsApi.export, async ({ res }) => {
      const csv = await assets.exportCsv();
      sendCsv(res, csv.filename, csv.lines);
      return undefined;
    });
    api.add(assetsApi.import, ({ body, actor }) => assets.importCsv(body.csv, actor));
    api.add(assetsApi.create, ({ body, actor }) => assets.create(body, actor));
    api.add(assetsApi.update, ({ params, body, actor }) => assets.update(params.id, body, actor));
    api.add(assetsApi.remove, async ({ params, actor }) => {
      await assets.remove(params.id, actor);
      return undefined;
    });
  };
}
