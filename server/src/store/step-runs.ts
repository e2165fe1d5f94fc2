/**
 * The fast path for persisting step executions: one multi-row INSERT for a batch,
 * instead of one Prisma `create` per step (see server/bench/db-insert.bench.ts).
 */
import { newId } from '../db/ids';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { EffectClass, StepStatus } from '../generated/prisma/enums';
import { jsonbText } from './storable';

export interface NewStepRun {
  runId: string;
  stepKey: string;
  stepId: string;
  attempt: number;
  nodeType: string;
  status: StepStatus;
  effectClass: EffectClass;
  input?: unknown;
  output?: unknown;
  error?: unknown;
  port?: string | null;
  startedAt: Date;
  finishedAt?: Date | null;
}

/** Rows per statement: 14 parameters each stays well under PostgreSQL's 65,535. */
const BATCH = 1000;

const json = (value: unknown): string | null => (value === undefined ? null : jsonbText(value));

/**
 * Inserts step runs in as few statements as possible, in one transaction per call.
 * A repeated (runId, stepKey, attempt) fails the whole call (P2010 with 23505).
 * @returns the ids of the new rows, in input order
 */
export async function appendStepRuns(prisma: PrismaClient, steps: readonly NewStepRun[]): Promise<string[]> {
  const ids = steps.map(() => newId());
  const statements = [];
  for (let start = 0; start < steps.length; start += BATCH) {
    const values = steps.slice(start, start + BATCH).map(
      (step, i) => Prisma.sql`(${ids[start + i]}::uuid, ${step.runId}::uuid, ${step.stepKey}, ${step.stepId},
        ${step.attempt}, ${step.nodeType}, ${step.status}::step_status, ${step.effectClass}::effect_class,
        ${json(step.input)}::jsonb, ${json(step.output)}::jsonb, ${json(step.error)}::jsonb, ${step.port ?? null},
        ${step.startedAt}, ${step.finishedAt ?? null})`,
    );
    statements.push(prisma.$executeRaw`
      INSERT INTO step_runs (id, run_id, step_key, step_id, attempt, node_type, status, effect_class,
        input, output, error, port, started_at, finished_at)
      VALUES ${Prisma.join(values)}`);
  }
  if (statements.length === 1) await statements[0];
  else if (statements.length > 1) await prisma.$transaction(statements);
  return ids;
}
