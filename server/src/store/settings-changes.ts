/** Pending loosening changes of workflow safety settings (`workflow_settings_changes`). */
import { SafetySettings } from '@autonomic/api';
import type { Db } from './db';
import { storableJson } from './storable';

export type SettingsChangeStatus = 'pending' | 'approved' | 'rejected' | 'superseded';

export interface SettingsChangeRow {
  id: string;
  workflowId: string;
  changes: SafetySettings;
  before: SafetySettings;
  reason: string;
  status: SettingsChangeStatus;
  requestedBy: { id: string; username: string };
  requestedAt: Date;
  decidedBy: { id: string; username: string } | null;
  decidedAt: Date | null;
  comment: string | null;
}

type Raw = Awaited<ReturnType<Db['workflowSettingsChange']['findFirstOrThrow']>>;

const STATUSES: readonly SettingsChangeStatus[] = ['pending', 'approved', 'rejected', 'superseded'];
const statusOf = (s: string): SettingsChangeStatus => STATUSES.find((x) => x === s) ?? 'superseded';

async function toRows(db: Db, rows: readonly Raw[]): Promise<SettingsChangeRow[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requestedById, ...(r.decidedById ? [r.decidedById] : [])]))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } });
  const person = (id: string) => ({ id, username: users.find((u) => u.id === id)?.username ?? id });
  return rows.map((r) => ({
    id: r.id,
    workflowId: r.workflowId,
    changes: SafetySettings.parse(r.changes),
    before: SafetySettings.parse(r.before),
    reason: r.reason,
    status: statusOf(r.status),
    requestedBy: person(r.requestedById),
    requestedAt: r.requestedAt,
    decidedBy: r.decidedById ? person(r.decidedById) : null,
    decidedAt: r.decidedAt,
    comment: r.comment,
  }));
}

/** Files a change; earlier pending ones of the workflow are superseded by it. */
export async function insertSettingsChange(
  db: Db,
  data: { workflowId: string; changes: SafetySettings; before: SafetySettings; reason: string; requestedById: string },
): Promise<{ row: SettingsChangeRow; superseded: string[] }> {
  const old = await db.workflowSettingsChange.findMany({
    where: { workflowId: data.workflowId, status: 'pending' },
    select: { id: true },
  });
  if (old.length > 0) {
    await db.workflowSettingsChange.updateMany({
      where: { id: { in: old.map((o) => o.id) } },
      data: { status: 'superseded' },
    });
  }
  const created = await db.workflowSettingsChange.create({
    data: { ...data, changes: storableJson(data.changes), before: storableJson(data.before) },
  });
  const [row] = await toRows(db, [created]);
  if (!row) throw new Error('settings change not stored');
  return { row, superseded: old.map((o) => o.id) };
}

/** Locks the row (FOR UPDATE) and reads it: a decision is taken once. */
export async function lockSettingsChange(db: Db, id: string): Promise<SettingsChangeRow | undefined> {
  await db.$executeRaw`SELECT 1 FROM workflow_settings_changes WHERE id = ${id}::uuid FOR UPDATE`;
  const r = await db.workflowSettingsChange.findUnique({ where: { id } });
  return r ? (await toRows(db, [r]))[0] : undefined;
}

export async function closeSettingsChange(
  db: Db,
  id: string,
  data: { status: 'approved' | 'rejected'; decidedById: string; decidedAt: Date; comment: string | null },
): Promise<SettingsChangeRow> {
  const r = await db.workflowSettingsChange.update({ where: { id }, data });
  const [row] = await toRows(db, [r]);
  if (!row) throw new Error('settings change not stored');
  return row;
}

/** Pending changes first, then the most recent decided ones; at most `limit`. */
export async function listSettingsChanges(db: Db, workflowId: string, limit = 20): Promise<SettingsChangeRow[]> {
  const rows = await db.workflowSettingsChange.findMany({
    where: { workflowId },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  const all = await toRows(db, rows);
  return [...all.filter((r) => r.status === 'pending'), ...all.filter((r) => r.status !== 'pending')];
}
