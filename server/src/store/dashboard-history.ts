/**
 * Writes the demo run history (server/src/seed/history.ts) in bulk: each batch is three
 * INSERT … SELECT FROM jsonb_to_recordset statements (runs, step runs, approval tasks) in
 * one transaction, instead of a Prisma call per row. Timestamps travel as epoch ms.
 */
import type { PrismaClient } from '../generated/prisma/client';
import type { Db } from './dashboard-sql';
import type { SloTarget } from '@autonomic/api';

export interface HistoryRun {
  id: string;
  workflowId: string;
  versionId: string;
  status: 'succeeded' | 'failed';
  triggerType: string;
  input: Record<string, unknown>;
  state: Record<string, unknown>;
  error: (StepErrorData & { stepId: string; stepKey: string }) | null;
  eventTimestamp: number;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  createdById: string | null;
}

export interface StepErrorData {
  kind: string;
  message: string;
  retryable: boolean;
  status?: number;
}

export type Effect = 'none' | 'read' | 'write' | 'destructive';

export interface HistoryStep {
  id: string;
  runId: string;
  stepKey: string;
  stepId: string;
  attempt: number;
  nodeType: string;
  status: 'succeeded' | 'failed';
  effect: Effect;
  error: StepErrorData | null;
  port: string | null;
  startedAt: number;
  finishedAt: number;
  details: Record<string, unknown> | null;
}

export interface HistoryApproval {
  id: string;
  runId: string;
  stepKey: string;
  taskId: string;
  /** The task as the engine describes it (server/src/store/approvals.ts ApprovalSpec). */
  spec: Record<string, unknown>;
  escalationLevel: number;
  status: 'approved' | 'rejected' | 'timed_out';
  decisions: Record<string, unknown>[];
  createdAt: number;
  decidedAt: number;
}

export interface HistoryBatch {
  runs: HistoryRun[];
  steps: HistoryStep[];
  approvals: HistoryApproval[];
}

const ts = (col: string) => `to_timestamp(${col} / 1000.0)`;

const INSERT_RUNS = `INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input, state, error,
    event_timestamp, created_at, started_at, finished_at, created_by_id)
  SELECT x."id", x."workflowId", x."versionId", 'live', x."status"::run_status, x."triggerType", x."input", x."state",
    x."error", ${ts('x."eventTimestamp"')}, ${ts('x."createdAt"')}, ${ts('x."startedAt"')}, ${ts('x."finishedAt"')},
    x."createdById"
  FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "workflowId" uuid, "versionId" uuid, "status" text,
    "triggerType" text, "input" jsonb, "state" jsonb, "error" jsonb, "eventTimestamp" float8, "createdAt" float8,
    "startedAt" float8, "finishedAt" float8, "createdById" uuid)`;

const INSERT_STEPS = `INSERT INTO step_runs (id, run_id, step_key, step_id, attempt, node_type, status, effect_class,
    error, port, started_at, finished_at, details)
  SELECT x."id", x."runId", x."stepKey", x."stepId", x."attempt", x."nodeType", x."status"::step_status,
    x."effect"::effect_class, x."error", x."port", ${ts('x."startedAt"')}, ${ts('x."finishedAt"')}, x."details"
  FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "runId" uuid, "stepKey" text, "stepId" text, "attempt" int,
    "nodeType" text, "status" text, "effect" text, "error" jsonb, "port" text, "startedAt" float8,
    "finishedAt" float8, "details" jsonb)`;

const INSERT_APPROVALS = `INSERT INTO approval_tasks (id, run_id, step_key, task_id, approvers, quorum,
    escalation_level, status, decisions, created_at, next_deadline_at, decided_at)
  SELECT x."id", x."runId", x."stepKey", x."taskId", x."spec", 1, x."escalationLevel", x."status"::approval_status,
    x."decisions", ${ts('x."createdAt"')}, NULL, ${ts('x."decidedAt"')}
  FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "runId" uuid, "stepKey" text, "taskId" text, "spec" jsonb,
    "escalationLevel" int, "status" text, "decisions" jsonb, "createdAt" float8, "decidedAt" float8)`;

/** Rows per statement: keeps each JSON parameter to a few MB. */
const CHUNK = 10_000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** One transaction per batch: runs first (the other rows reference them). */
export async function insertHistoryBatch(prisma: PrismaClient, batch: HistoryBatch): Promise<void> {
  const statements = [
    ...chunks(batch.runs).map((c) => [INSERT_RUNS, JSON.stringify(c)] as const),
    ...chunks(batch.steps).map((c) => [INSERT_STEPS, JSON.stringify(c)] as const),
    ...chunks(batch.approvals).map((c) => [INSERT_APPROVALS, JSON.stringify(c)] as const),
  ];
  await prisma.$transaction(
    async (tx) => {
      for (const [sql, json] of statements) await tx.$executeRawUnsafe(sql, json);
    },
    { timeout: 120_000 },
  );
}

export async function liveRunCount(db: Db): Promise<number> {
  return db.run.count({ where: { mode: 'live' } });
}

export interface PublishedWorkflow {
  id: string;
  slug: string;
  versionId: string;
  manualBaselineMinutes: number | null;
}

export async function publishedWorkflows(db: Db, slugs: readonly string[]): Promise<PublishedWorkflow[]> {
  const rows = await db.workflow.findMany({
    where: { slug: { in: [...slugs] }, publishedVersionId: { not: null } },
    select: { id: true, slug: true, publishedVersionId: true, manualBaselineMinutes: true },
  });
  return rows.flatMap((r) => (r.publishedVersionId ? [{ ...r, versionId: r.publishedVersionId }] : []));
}

export async function setBaseline(db: Db, workflowId: string, minutes: number): Promise<void> {
  await db.workflow.updateMany({
    where: { id: workflowId, manualBaselineMinutes: null },
    data: { manualBaselineMinutes: minutes },
  });
}

/** Stores SLOs for workflows that have none. */
export async function insertMissingSlos(db: Db, slos: readonly (SloTarget & { workflowId: string })[]): Promise<void> {
  await db.workflowSlo.createMany({ data: [...slos], skipDuplicates: true });
}

/** Demo people by username (those that exist). */
export async function usersByName(db: Db, usernames: readonly string[]): Promise<{ id: string; username: string }[]> {
  return db.user.findMany({ where: { username: { in: [...usernames] } }, select: { id: true, username: true } });
}

/**
 * Refreshes the planner's statistics after a bulk load: until autovacuum gets to it, the
 * planner believes the tables are empty and picks nested loops (160 ms instead of 6 ms for
 * time to contain on 3,000 runs).
 */
export async function analyzeHistoryTables(db: Db): Promise<void> {
  await db.$executeRawUnsafe('ANALYZE runs, step_runs, approval_tasks');
}
