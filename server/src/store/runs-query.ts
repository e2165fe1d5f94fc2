/** Reading runs for the API: the filtered list (keyset pages) and one run with its trace. */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { RunMode, RunStatus } from '../generated/prisma/enums';

type Db = PrismaClient | Prisma.TransactionClient;

export interface RunFilter {
  workflowId?: string;
  status?: RunStatus;
  mode?: RunMode;
  from?: Date;
  to?: Date;
  /** Only runs before this (createdAt, id) position, in list order. */
  after?: { createdAt: Date; id: string };
  limit: number;
}

const listSelect = {
  id: true,
  workflowId: true,
  workflow: { select: { slug: true, name: true } },
  versionId: true,
  version: { select: { number: true } },
  mode: true,
  status: true,
  triggerType: true,
  error: true,
  parentRunId: true,
  createdById: true,
  eventTimestamp: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.RunSelect;

export type RunListRow = Prisma.RunGetPayload<{ select: typeof listSelect }>;

/** Newest first, keyset-paged on (createdAt, id): stable while runs are being added. */
export async function listRuns(db: Db, f: RunFilter): Promise<RunListRow[]> {
  const where: Prisma.RunWhereInput = {
    ...(f.workflowId ? { workflowId: f.workflowId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.mode ? { mode: f.mode } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const after = f.after;
  const page: Prisma.RunWhereInput = after
    ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
    : {};
  return db.run.findMany({
    where: { AND: [where, page] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: f.limit,
    select: listSelect,
  });
}

const detailSelect = {
  ...listSelect,
  input: true,
  output: true,
  state: true,
  wakeAt: true,
  dedupeKey: true,
  steps: { orderBy: [{ startedAt: 'asc' }, { stepKey: 'asc' }, { attempt: 'asc' }] },
  rerunOfId: true,
  rerunFromStep: true,
  subRuns: {
    orderBy: { createdAt: 'asc' },
    select: { id: true, status: true, workflowId: true, workflow: { select: { slug: true } }, createdAt: true },
  },
} satisfies Prisma.RunSelect;

export type RunDetailRow = Prisma.RunGetPayload<{ select: typeof detailSelect }>;

export function findRunDetail(db: Db, id: string): Promise<RunDetailRow | null> {
  return db.run.findUnique({ where: { id }, select: detailSelect });
}

export interface RunHead {
  id: string;
  engineId: string;
  status: RunStatus;
  workflowId: string;
  createdById: string | null;
  mode: RunMode;
  parentRunId: string | null;
}

/** What cancelling and re-running need: who started the run, its status, mode, parent and engine id. */
export async function findRunHead(db: Db, id: string): Promise<RunHead | null> {
  const [row] = await db.$queryRaw<RunHead[]>`SELECT id::text AS id,
      coalesce(state->'record'->>'id', id::text) AS "engineId", status::text AS status,
      workflow_id::text AS "workflowId", created_by_id::text AS "createdById",
      mode::text AS mode, parent_run_id::text AS "parentRunId"
    FROM runs WHERE id = ${id}::uuid`;
  return row ?? null;
}
