/** Workflows: the row that owns versions, settings and the published pointer. */
import { Prisma } from '../generated/prisma/client';
import type { Db } from './db';

export interface WorkflowRow {
  id: string;
  slug: string;
  name: string;
  ownerId: string;
  owner: { id: string; username: string; displayName: string };
  createdAt: Date;
  publishedVersionId: string | null;
  killSwitch: boolean;
  maxDestructivePerRun: number | null;
  maxDestructivePerHour: number | null;
  manualBaselineMinutes: number | null;
  /** Rollback by policy on (services/workflows/rollback.ts). */
  autoRollback: boolean;
  /** Whether a webhook secret is set (the secret itself never leaves the ops module). */
  webhookEnabled: boolean;
}

const select = {
  id: true,
  slug: true,
  name: true,
  ownerId: true,
  owner: { select: { id: true, username: true, displayName: true } },
  createdAt: true,
  publishedVersionId: true,
  killSwitch: true,
  maxDestructivePerRun: true,
  maxDestructivePerHour: true,
  manualBaselineMinutes: true,
  autoRollback: true,
  webhookSecretCiphertext: true,
} as const;

type Selected = Prisma.WorkflowGetPayload<{ select: typeof select }>;

function toRow({ webhookSecretCiphertext, ...w }: Selected): WorkflowRow {
  return { ...w, webhookEnabled: webhookSecretCiphertext !== null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds a workflow by id or by slug (a value that is not a UUID is taken as a slug). */
export async function findWorkflow(db: Db, ref: string): Promise<WorkflowRow | null> {
  const where = UUID.test(ref) ? { id: ref } : { slug: ref };
  const row = await db.workflow.findUnique({ where, select });
  return row ? toRow(row) : null;
}

/** Locks the workflow row until the transaction ends: saves and publishes of one workflow take turns. */
export async function lockWorkflow(db: Db, id: string): Promise<void> {
  await db.$queryRaw`SELECT id FROM workflows WHERE id = ${id}::uuid FOR UPDATE`;
}

/** The first of `base`, `base-2`, `base-3` … that no workflow uses. */
export async function freeSlug(db: Db, base: string): Promise<string> {
  const taken = await db.workflow.findMany({
    where: { slug: { startsWith: base } },
    select: { slug: true },
  });
  const used = new Set(taken.map((t) => t.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function insertWorkflow(
  db: Db,
  data: { slug: string; name: string; ownerId: string; manualBaselineMinutes?: number | null },
): Promise<WorkflowRow> {
  return toRow(await db.workflow.create({ data, select }));
}

export async function renameWorkflow(db: Db, id: string, name: string): Promise<void> {
  await db.workflow.update({ where: { id }, data: { name } });
}

export interface WorkflowSettings {
  killSwitch?: boolean;
  maxDestructivePerRun?: number | null;
  maxDestructivePerHour?: number | null;
  manualBaselineMinutes?: number | null;
  autoRollback?: boolean;
}

export async function updateWorkflowSettings(db: Db, id: string, data: WorkflowSettings): Promise<WorkflowRow> {
  return toRow(await db.workflow.update({ where: { id }, data, select }));
}

export async function setPublishedVersion(db: Db, id: string, versionId: string): Promise<void> {
  await db.workflow.update({ where: { id }, data: { publishedVersionId: versionId } });
}

/** A unique constraint refused the write (e.g. two saves picked the same slug at once). */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

export async function countWorkflows(db: Db): Promise<number> {
  return db.workflow.count();
}
