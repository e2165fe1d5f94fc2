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
  /** Keyset: only rows strictly newer than this (createdAt, id); the rows just newer come, oldest first. */
  newer?: { createdAt: Date; id: string };
  limit: number;
}

export interface AuditKey {
  createdAt: Date;
  id: string;
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

const older = ({ createdAt, id }: AuditKey): Prisma.AuditEventWhereInput => ({
  OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }],
});
const newer = ({ createdAt, id }: AuditKey): Prisma.AuditEventWhereInput => ({
  OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }],
});

function whereOf(f: Omit<AuditFilter, 'limit'>): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor !== undefined) and.push({ OR: [{ actor: f.actor }, { actor: { startsWith: `${f.actor}:` } }] });
  if (f.after) and.push(older(f.after));
  if (f.newer) and.push(newer(f.newer));
  return {
    ...(f.targetType !== undefined ? { targetType: f.targetType } : {}),
    ...(f.targetId !== undefined ? { targetId: f.targetId } : {}),
    ...(f.action !== undefined ? { action: f.action } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/**
 * Newest first, ties broken by id descending (uuid v7), so pages neither skip nor repeat rows.
 * With `newer`: the `limit` rows just newer than it, oldest first (the caller reverses them).
 */
export async function listAuditEvents(db: Db, f: AuditFilter): Promise<AuditEventRow[]> {
  const dir = f.newer ? 'asc' : 'desc';
  return db.auditEvent.findMany({
    where: whereOf(f),
    orderBy: [{ createdAt: dir }, { id: dir }],
    take: f.limit,
  });
}

/** Whether a row matching the filter lies beyond `key`: `older` than it or `newer`. */
export async function auditEventBeyond(
  db: Db,
  f: Omit<AuditFilter, 'limit' | 'after' | 'newer'>,
  key: AuditKey,
  side: 'older' | 'newer',
): Promise<boolean> {
  const row = await db.auditEvent.findFirst({
    where: whereOf(side === 'older' ? { ...f, after: key } : { ...f, newer: key }),
    select: { id: true },
  });
  return row !== null;
}

/** The distinct actions, actors and target types of the log, sorted, at most `limit` of each. */
export async function auditFacets(
  db: Prisma.TransactionClient,
  limit: number,
): Promise<{ actions: string[]; actors: string[]; targetTypes: string[] }> {
  // SQL DISTINCT: Prisma's `distinct` reads every row and removes duplicates in JavaScript.
  const [actions, actors, targetTypes] = await Promise.all([
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT action AS v FROM audit_events ORDER BY 1 LIMIT ${limit}`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT actor AS v FROM audit_events ORDER BY 1 LIMIT ${limit}`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT target_type AS v FROM audit_events ORDER BY 1 LIMIT ${limit}`,
  ]);
  const values = (rows: { v: string }[]) => rows.map((r) => r.v);
  return { actions: values(actions), actors: values(actors), targetTypes: values(targetTypes) };
}
