/** The schedule trigger's rows: published schedules and the ticks already fired. */
import { Prisma, type PrismaClient } from '../generated/prisma/client';

export interface ScheduleRow {
  workflowId: string;
  versionId: string;
  cron: string;
  timezone: string;
}

/** Every workflow whose published version starts on a schedule. */
export async function findPublishedSchedules(prisma: PrismaClient): Promise<ScheduleRow[]> {
  const rows = await prisma.$queryRaw<
    { workflow_id: string; version_id: string; cron: string | null; timezone: string | null }[]
  >(
    Prisma.sql`
      SELECT w.id::text AS workflow_id, v.id::text AS version_id,
             v.document->'trigger'->'params'->>'cron' AS cron,
             v.document->'trigger'->'params'->>'timezone' AS timezone
      FROM workflows w JOIN workflow_versions v ON v.id = w.published_version_id
      WHERE v.document->'trigger'->>'type' = 'trigger.schedule'`,
  );
  return rows.flatMap((r) =>
    r.cron ? [{ workflowId: r.workflow_id, versionId: r.version_id, cron: r.cron, timezone: r.timezone ?? 'UTC' }] : [],
  );
}

/** The latest recorded tick of each of these workflows (rides the (workflow_id, tick_at) key). */
export async function latestTicks(prisma: PrismaClient, workflowIds: readonly string[]): Promise<Map<string, number>> {
  if (workflowIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ workflow_id: string; tick_at: Date }[]>(Prisma.sql`
    SELECT workflow_id::text AS workflow_id, max(tick_at) AS tick_at FROM schedule_ticks
    WHERE workflow_id = ANY(${[...workflowIds]}::uuid[]) GROUP BY workflow_id`);
  return new Map(rows.map((r) => [r.workflow_id, r.tick_at.getTime()]));
}

/** Records that a tick fired (idempotent; the first run id recorded stays). */
export async function recordTick(
  prisma: PrismaClient,
  workflowId: string,
  tickAt: Date,
  runId: string | null,
): Promise<void> {
  await prisma.$executeRaw(Prisma.sql`
    INSERT INTO schedule_ticks (workflow_id, tick_at, run_id) VALUES (${workflowId}::uuid, ${tickAt}, ${runId}::uuid)
    ON CONFLICT (workflow_id, tick_at) DO UPDATE SET run_id = COALESCE(schedule_ticks.run_id, EXCLUDED.run_id)`);
}
