/**
 * Approval tasks (the `approval_tasks` table): opened, escalated and closed by the
 * executor through the engine's ApprovalsPort (idempotent: the engine may repeat a call
 * after a crash), decided by people through the API.
 *
 * `approvers` holds the whole task as the engine described it: the message, the
 * deadline and, per level, who may decide (level 0: the first approvers; 1…: the
 * escalation chain, possibly break glass).
 */
import { ApprovalVote } from '@autonomic/api';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { ApprovalStatus } from '../generated/prisma/enums';
import { jsonbText, storableJson } from './storable';

type Db = PrismaClient | Prisma.TransactionClient;

export const ApprovalLevel = z.object({
  level: z.number().int(),
  users: z.array(z.string()),
  roles: z.array(z.string()),
  breakGlass: z.boolean(),
  /** When this level is reached (absent for level 0). */
  at: z.number().optional(),
  label: z.string().optional(),
});
export type ApprovalLevel = z.infer<typeof ApprovalLevel>;

export const ApprovalSpec = z.object({
  /** The engine's run id (a child run's is `parent/stepKey`). */
  runId: z.string(),
  stepId: z.string(),
  message: z.string(),
  deadline: z.number(),
  onTimeout: z.enum(['approved', 'rejected', 'timeout']),
  levels: z.array(ApprovalLevel),
  /** With the step's `approvers.targetOwner`: the asset owners asked (users), those recorded only (teams), any fallback. */
  owner: z
    .object({
      users: z.array(z.string()),
      teams: z.array(z.string()),
      fallback: z.enum(['named', 'escalation']).optional(),
    })
    .optional(),
});
export type ApprovalSpec = z.infer<typeof ApprovalSpec>;

/** A vote is stored in the shape the API shows it (`at` an ISO instant). */
export { ApprovalVote };

export interface ApprovalRow {
  id: string;
  taskId: string;
  runId: string;
  stepKey: string;
  spec: ApprovalSpec;
  quorum: number;
  escalationLevel: number;
  status: ApprovalStatus;
  decisions: ApprovalVote[];
  createdAt: Date;
  nextDeadlineAt: Date | null;
  decidedAt: Date | null;
}

type Selected = Prisma.ApprovalTaskGetPayload<object>;

function toRow(t: Selected): ApprovalRow {
  return {
    id: t.id,
    taskId: t.taskId,
    runId: t.runId,
    stepKey: t.stepKey,
    spec: ApprovalSpec.parse(t.approvers),
    quorum: t.quorum,
    escalationLevel: t.escalationLevel,
    status: t.status,
    decisions: z.array(ApprovalVote).parse(t.decisions),
    createdAt: t.createdAt,
    nextDeadlineAt: t.nextDeadlineAt,
    decidedAt: t.decidedAt,
  };
}

export interface NewApprovalTask {
  taskId: string;
  runDbId: string;
  stepKey: string;
  spec: ApprovalSpec;
  quorum: number;
  createdAt: Date;
  nextDeadlineAt: Date | null;
}

/** Creates the task unless it exists (the engine may open the same task again after a crash). */
export async function insertApprovalTask(db: Db, t: NewApprovalTask): Promise<void> {
  await db.approvalTask.upsert({
    where: { taskId: t.taskId },
    update: {},
    create: {
      taskId: t.taskId,
      runId: t.runDbId,
      stepKey: t.stepKey,
      approvers: storableJson(t.spec),
      quorum: t.quorum,
      createdAt: t.createdAt,
      nextDeadlineAt: t.nextDeadlineAt,
    },
  });
}

/** Raises a pending task's level; false when it was already there (a repeated call) or closed. */
export async function raiseApprovalLevel(
  db: Db,
  taskId: string,
  level: number,
  nextDeadlineAt: Date | null,
): Promise<boolean> {
  const r = await db.approvalTask.updateMany({
    where: { taskId, status: 'pending', escalationLevel: { lt: level } },
    data: { escalationLevel: level, nextDeadlineAt },
  });
  return r.count > 0;
}

export async function closeApprovalTask(db: Db, taskId: string, status: ApprovalStatus, at: Date): Promise<boolean> {
  const r = await db.approvalTask.updateMany({
    where: { taskId, status: 'pending' },
    data: { status, decidedAt: at, nextDeadlineAt: null },
  });
  return r.count > 0;
}

export async function appendApprovalVote(db: Db, taskId: string, vote: ApprovalVote): Promise<void> {
  await db.$executeRaw`UPDATE approval_tasks SET decisions = decisions || ${jsonbText([vote])}::jsonb
    WHERE task_id = ${taskId}`;
}

/** By row id or by the engine's task id. */
export async function findApprovalTask(db: Db, ref: string): Promise<ApprovalRow | null> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const t = await db.approvalTask.findFirst({ where: uuid ? { OR: [{ id: ref }, { taskId: ref }] } : { taskId: ref } });
  return t ? toRow(t) : null;
}

export async function listApprovalTasks(
  db: Db,
  filter: { status?: ApprovalStatus; runId?: string; limit: number },
): Promise<ApprovalRow[]> {
  const rows = await db.approvalTask.findMany({
    where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.runId ? { runId: filter.runId } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: filter.limit,
  });
  return rows.map(toRow);
}

export async function approvalTasksOfRuns(db: Db, runIds: readonly string[]): Promise<ApprovalRow[]> {
  const rows = await db.approvalTask.findMany({
    where: { runId: { in: [...runIds] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toRow);
}
