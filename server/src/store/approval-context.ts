/** Reads behind an approval task's context: its run, workflow and version, step outputs and blast-radius use. */
import { Prisma } from '../generated/prisma/client';
import type { Db } from './db';

export interface ContextRunRow {
  runId: string;
  input: unknown;
  workflow: {
    id: string;
    name: string;
    slug: string;
    killSwitch: boolean;
    maxDestructivePerRun: number | null;
    maxDestructivePerHour: number | null;
  };
  version: { id: string; number: number; document: unknown };
}

export async function findContextRun(db: Db, runId: string): Promise<ContextRunRow | undefined> {
  const r = await db.run.findUnique({
    where: { id: runId },
    select: {
      id: true,
      input: true,
      workflow: {
        select: {
          id: true,
          name: true,
          slug: true,
          killSwitch: true,
          maxDestructivePerRun: true,
          maxDestructivePerHour: true,
        },
      },
      version: { select: { id: true, number: true, document: true } },
    },
  });
  return r ? { runId: r.id, input: r.input, workflow: r.workflow, version: r.version } : undefined;
}

/** The latest output of each step of a run that succeeded (what `steps.<id>.output` reads). */
export async function stepOutputs(db: Db, runId: string): Promise<Record<string, unknown>> {
  const rows = await db.stepRun.findMany({
    where: { runId, status: 'succeeded' },
    select: { stepId: true, output: true },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
  });
  const out: Record<string, unknown> = {};
  for (const r of rows) out[r.stepId] = r.output;
  return out;
}

/**
 * Distinct destructive actions (run + step key) that were sent — not refused by a safety
 * check — in one run, and in the workflow's live runs since `since` (the effect guard's count).
 */
export async function destructiveUse(
  db: Db,
  runId: string,
  workflowId: string,
  since: Date,
): Promise<{ run: number; hour: number }> {
  const sent = Prisma.sql`s.effect_class = 'destructive'::effect_class
    AND (s.error IS NULL OR s.error->>'kind' IS DISTINCT FROM 'safety')`;
  const [row] = await db.$queryRaw<{ run: bigint; hour: bigint }[]>(Prisma.sql`
    SELECT
      (SELECT COUNT(DISTINCT s.step_key) FROM step_runs s WHERE s.run_id = ${runId}::uuid AND ${sent}) AS run,
      (SELECT COUNT(DISTINCT s.run_id::text || ' ' || s.step_key)
         FROM step_runs s JOIN runs r ON r.id = s.run_id
        WHERE ${sent} AND s.started_at >= ${since}
          AND r.workflow_id = ${workflowId}::uuid AND r.mode = 'live'::run_mode) AS hour`);
  return { run: Number(row?.run ?? 0), hour: Number(row?.hour ?? 0) };
}
