/** Reads behind the kill switch and the per-hour blast radius of live effects. */
import { Prisma, type PrismaClient } from '../generated/prisma/client';

export interface EffectPolicyRow {
  killSwitch: boolean;
  maxDestructivePerHour: number | null;
}

export async function findEffectPolicy(prisma: PrismaClient, workflowId: string): Promise<EffectPolicyRow | undefined> {
  const row = await prisma.workflow.findUnique({
    where: { id: workflowId },
    select: { killSwitch: true, maxDestructivePerHour: true },
  });
  return row ?? undefined;
}

/**
 * Distinct destructive actions (run + step key: retries of one action count once) of a
 * workflow's live runs started since `since`, leaving out `except` and actions the
 * safety checks refused (they were never sent). At most `limit` keys `runId stepKey`.
 * Rides the step_runs (effect_class, started_at) index.
 */
export async function recentDestructiveActions(
  prisma: PrismaClient,
  workflowId: string,
  since: Date,
  except: { runId: string; stepKey: string },
  limit: number,
): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ key: string }[]>(Prisma.sql`
    SELECT DISTINCT s.run_id::text || ' ' || s.step_key AS key
    FROM step_runs s JOIN runs r ON r.id = s.run_id
    WHERE s.effect_class = 'destructive'::effect_class AND s.started_at >= ${since}
      AND r.workflow_id = ${workflowId}::uuid AND r.mode = 'live'::run_mode
      AND NOT (s.run_id::text = ${except.runId} AND s.step_key = ${except.stepKey})
      AND (s.error IS NULL OR s.error->>'kind' IS DISTINCT FROM 'safety')
    LIMIT ${limit}`);
  return rows.map((r) => r.key);
}
