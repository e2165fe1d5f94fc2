/**
 * Approval notifications and signed decision links (tables `approval_notifications`,
 * `approval_links`): written by the notifier (services/approval-notifications), read by
 * its loop and by the task view. Plain objects out; every insert is idempotent.
 */
import type { Prisma, PrismaClient } from '../generated/prisma/client';

type Db = PrismaClient | Prisma.TransactionClient;

export type NotificationKind = 'opened' | 'reminder' | 'escalated' | 'page';
export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface NotificationRow {
  id: string;
  taskId: string;
  kind: NotificationKind;
  level: number;
  channel: string;
  recipient: string;
  audience: string;
  status: NotificationStatus;
  dueAt: Date;
  attempts: number;
  error: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

export type NewNotification = Pick<
  NotificationRow,
  'taskId' | 'kind' | 'level' | 'channel' | 'recipient' | 'audience' | 'dueAt'
>;

const toRow = (n: Prisma.ApprovalNotificationGetPayload<object>): NotificationRow => ({
  ...n,
  kind: n.kind as NotificationKind,
  status: n.status as NotificationStatus,
});

/** Queues each message unless it was queued before (same task, kind, level and audience). */
export async function queueNotifications(db: Db, rows: readonly NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db.approvalNotification.createMany({ data: [...rows], skipDuplicates: true });
  return r.count;
}

/**
 * Claims due messages: moves their due time `leaseMs` ahead and counts the attempt in one
 * UPDATE … RETURNING, so two processes never send the same message in the same turn.
 */
export async function claimDueNotifications(
  db: Db,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<NotificationRow[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE approval_notifications SET due_at = ${new Date(now.getTime() + leaseMs)}, attempts = attempts + 1
    WHERE id IN (SELECT id FROM approval_notifications WHERE status = 'pending' AND due_at <= ${now}
                 ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (rows.length === 0) return [];
  const found = await db.approvalNotification.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
  return found.map(toRow);
}

export async function settleNotification(
  db: Db,
  id: string,
  outcome: { status: 'sent' | 'failed' | 'skipped'; error?: string; at: Date },
): Promise<void> {
  await db.approvalNotification.update({
    where: { id },
    data: {
      status: outcome.status,
      error: outcome.error ?? null,
      sentAt: outcome.status === 'sent' ? outcome.at : null,
    },
  });
}

/** A failed attempt that will be tried again at `retryAt`. */
export async function retryNotification(db: Db, id: string, error: string, retryAt: Date): Promise<void> {
  await db.approvalNotification.update({ where: { id }, data: { error, dueAt: retryAt } });
}

/** Drops what is still to send about a task (it was decided): its reminder, say. */
export async function skipPendingNotifications(db: Db, taskId: string): Promise<number> {
  const r = await db.approvalNotification.updateMany({
    where: { taskId, status: 'pending', kind: 'reminder' },
    data: { status: 'skipped', error: 'the task was decided first' },
  });
  return r.count;
}

export async function notificationsOfTask(db: Db, taskId: string): Promise<NotificationRow[]> {
  const rows = await db.approvalNotification.findMany({
    where: { taskId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toRow);
}

export interface LinkRow {
  id: string;
  taskId: string;
  userId: string;
  username: string;
  decision: 'approved' | 'rejected';
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
}

const toLink = (l: Prisma.ApprovalLinkGetPayload<object>): LinkRow => ({
  ...l,
  decision: l.decision === 'approved' ? 'approved' : 'rejected',
});

/** The approver's link for this decision, made on first ask (a repeated call returns the first one). */
export async function ensureLink(db: Db, link: Omit<LinkRow, 'usedAt'>): Promise<LinkRow> {
  await db.approvalLink.createMany({ data: [link], skipDuplicates: true });
  const row = await db.approvalLink.findUniqueOrThrow({
    where: { taskId_userId_decision: { taskId: link.taskId, userId: link.userId, decision: link.decision } },
  });
  return toLink(row);
}

export async function findLinkByHash(db: Db, tokenHash: string): Promise<LinkRow | null> {
  const row = await db.approvalLink.findUnique({ where: { tokenHash } });
  return row ? toLink(row) : null;
}

/** Marks the link used; false when it was used already (only one use ever wins). */
export async function useLink(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.approvalLink.updateMany({ where: { id, usedAt: null }, data: { usedAt: at } });
  return r.count > 0;
}

/** Gives a used link back (the decision it carried was refused by the task). */
export async function releaseLink(db: Db, id: string): Promise<void> {
  await db.approvalLink.updateMany({ where: { id }, data: { usedAt: null } });
}
