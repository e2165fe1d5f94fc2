/**
 * The audit log, read-only, newest first in keyset pages (contract: `auditApi` in
 * @autonomic/api).
 */
import { auditApi, type AuditQuery } from '@autonomic/api';
import type { AppContext } from '../../context';
import { decodeCursor, encodeCursor } from '../../services/runs/cursor';
import { listAuditEvents } from '../../store/audit';
import type { RouteModule } from '../app';

export interface AuditRouteDeps {
  ctx: AppContext;
}

/** One page: reads one row more than asked to know whether another page follows. */
async function auditPage(ctx: AppContext, query: AuditQuery) {
  const { from, to, cursor, limit, ...filter } = query;
  const rows = await listAuditEvents(ctx.prisma, {
    ...filter,
    ...(from ? { from: new Date(from) } : {}),
    ...(to ? { to: new Date(to) } : {}),
    ...(cursor ? { after: decodeCursor(cursor) } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null;
  return { events: page, nextCursor };
}

export function auditRoutes({ ctx }: AuditRouteDeps): RouteModule {
  return (api) => {
    api.add(auditApi.list, ({ query }) => auditPage(ctx, query));
  };
}
