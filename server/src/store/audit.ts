/** The audit log: one insert (services/audit.ts `recordAudit` builds the row) and the reading. */
import type { Prisma, PrismaClient } from '../generated/prisma/client';

export interface AuditEventRow {
  id: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  beforeHash: string | null;
  afterHash: string | null;
  details: Prisma.JsonValue;
  createdAt: Date;
}

export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  action?: string;
  /** An actor label (`system:executor`) or its prefix up to a colon (`user:<id>` matches `user:<id>:<name>`). */
  actor?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Keyset: only rows strictly older than this (createdAt, id). */
  after?: { createdAt: Date; id: string };
  limit: number;
}

type Db = Pick<PrismaClient, 'auditEvent'> | Prisma.TransactionClient;

export interface NewAuditEvent {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  beforeHash: string | null;
  afterHash: string | null;
  details: Record<string, unknown>;
}

export async function insertAuditEvent(db: Db, event: NewAuditEvent): Promise<void> {
  await db.auditEvent.create({ data: { ...event, details: event.details as Prisma.InputJsonValue } });
}

/** Newest first, ties broken by id descending (uuid v7), so pages neither skip nor repeat rows. */
export async function listAuditEvents(db: Db, f: AuditFilter): Promise<AuditEventRow[]> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor !== undefined) and.push({ OR: [{ actor: f.actor }, { actor: { startsWith: `${f.actor}:` } }] });
  if (f.after) {
    const { createdAt, id } = f.after;
    and.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
  }
  return db.auditEvent.findMany({
    where: {
      ...(f.targetType !== undefined ? { targetType: f.targetType } : {}),
      ...(f.targetId !== undefined ? { targetId: f.targetId } : {}),
      ...(f.action !== undefined ? { action: f.action } : {}),
      ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
      ...(and.length ? { AND: and } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: f.limit,
  });
}
