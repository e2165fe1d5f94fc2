/**
 * The audit log, read-only: managers read everything (oversight), admins everything.
 * Newest first in keyset pages (pass `nextCursor` back as `cursor`).
 */
import { z } from 'zod';
import type { AppContext } from '../../context';
import { decodeCursor, encodeCursor } from '../../services/runs/cursor';
import { listAuditEvents, type AuditEventRow } from '../../store/audit';
import type { RouteModule } from '../app';

export interface AuditRouteDeps {
  ctx: AppContext;
}

const Text = z.string().trim().min(1).max(200);
const ListQuery = z
  .object({
    targetType: Text.optional(),
    targetId: Text.optional(),
    action: Text.optional(),
    actor: Text.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['from'],
    message: 'from must not be after to',
  });
const AuditEvent = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  details: z.unknown(),
  createdAt: z.iso.datetime(),
});

const view = (r: AuditEventRow): z.infer<typeof AuditEvent> => ({ ...r, createdAt: r.createdAt.toISOString() });

export function auditRoutes({ ctx }: AuditRouteDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'get',
        path: '/audit',
        summary: 'List audit events, newest first (keyset pages: pass nextCursor as cursor)',
        tag: 'audit',
        access: ['manager', 'admin'],
        query: ListQuery,
        response: z.object({ events: z.array(AuditEvent), nextCursor: z.string().nullable() }),
      },
      async ({ query }) => {
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
        return { events: page.map(view), nextCursor };
      },
    );
  };
}
