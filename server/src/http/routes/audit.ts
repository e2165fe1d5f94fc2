/**
 * The audit log, read-only: keyset pages both ways, the actions and actors seen (for the
 * viewer's pick-lists) and the filtered lines as CSV (contract: `auditApi` in @autonomic/api).
 */
import { auditApi } from '@autonomic/api';
import type { Response } from 'express';
import type { AppContext } from '../../context';
import { createAuditLog } from '../../services/audit-log';
import type { RouteModule } from '../app';

export interface AuditRouteDeps {
  ctx: AppContext;
}

/**
 * Writes the lines as they come, waiting for the socket to drain when its buffer is full and
 * stopping when the client goes away. After the first byte a failure can only cut the answer
 * short: it is logged and the connection closed, so the file is visibly incomplete.
 */
async function streamLines(ctx: AppContext, res: Response, lines: AsyncGenerator<string>): Promise<void> {
  try {
    for await (const chunk of lines) {
      if (res.destroyed) break;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
    }
    res.end();
  } catch (err) {
    ctx.log.error({ err }, 'the audit export stopped');
    res.destroy();
  } finally {
    await lines.return(undefined);
  }
}

export function auditRoutes({ ctx }: AuditRouteDeps): RouteModule {
  const log = createAuditLog(ctx);
  return (api) => {
    api.add(auditApi.list, ({ query }) => log.page(query));
    api.add(auditApi.facets, () => log.facets());
    api.add(auditApi.export, async ({ query, res }) => {
      const lines = log.csv(query);
      // The first chunk (header and first batch) is read before the status is sent: a
      // failing first query is still a clean 500 rather than a cut file.
      const first = await lines.next();
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader(
        'content-disposition',
        `attachment; filename="audit-${new Date(ctx.clock.now()).toISOString().slice(0, 10)}.csv"`,
      );
      res.setHeader('cache-control', 'no-store');
      if (!first.done) res.write(first.value);
      await streamLines(ctx, res, lines);
      return undefined;
    });
  };
}
