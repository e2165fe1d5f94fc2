/**
 * The audit log, read-only: keyset pages both ways, the actions and actors seen (for the
 * viewer's pick-lists) and the filtered lines as CSV (contract: `auditApi` in @autonomic/api).
 */
import { auditApi } from '@autonomic/api';
import type { AppContext } from '../../context';
import { createAuditLog } from '../../services/audit-log';
import type { RouteModule } from '../app';
import { streamCsv } from '../csv';

export interface AuditRouteDeps {
  ctx: AppContext;
}

export function auditRoutes({ ctx }: AuditRouteDeps): RouteModule {
  const log = createAuditLog(ctx);
  return (api) => {
    api.add(auditApi.list, ({ query }) => log.page(query));
    api.add(auditApi.facets, () => log.facets());
    api.add(auditApi.export, async ({ query, res }) => {
      const day = new Date(ctx.clock.now()).toISOString().slice(0, 10);
      await streamCsv(res, `audit-${day}.csv`, log.csv(query), (err) =>
        ctx.log.error({ err }, 'the audit export stopped'),
      );
      return undefined;
    });
  };
}
