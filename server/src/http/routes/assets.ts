/**
 * The asset inventory: every signed-in user reads and searches it, admins change it and
 * import CSV (contract: `assetsApi`). The import takes `{ csv }` as JSON or the file as a
 * `text/csv` body, which is read here into the same `{ csv }` before the contract checks it.
 */
import { assetsApi } from '@autonomic/api';
import express, { type Response } from 'express';
import type { AssetService } from '../../services/assets';
import type { RouteModule } from '../app';

export interface AssetRouteDeps {
  assets: AssetService;
}

/** Matches the JSON body limit of /api: about 20,000 rows of a typical inventory. */
const CSV_LIMIT = '1mb';

export function assetRoutes({ assets }: AssetRouteDeps): RouteModule {
  return (api) => {
    api.router.post(
      '/assets/import',
      express.text({ type: ['text/csv', 'text/plain'], limit: CSV_LIMIT }),
      (req, _res, next) => {
        if (typeof req.body === 'string') req.body = { csv: req.body };
        next();
      },
    );
    api.add(assetsApi.list, ({ query }) => assets.list(query));
    api.add(assetsApi.lookup, ({ body }) => assets.lookup({ kind: body.kind, value: body.target }));
    api.add(assetsApi.export, async ({ res }) => {
      const csv = await assets.exportCsv();
      send(res, csv.filename, csv.lines);
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

function send(res: Response, filename: string, lines: Iterable<string>): void {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.end([...lines].join(''));
}
