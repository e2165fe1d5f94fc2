/** Counts read when /metrics is scraped. */
import { Prisma, type PrismaClient } from '../generated/prisma/client';

/** Live runs by workflow slug and status (one GROUP BY; rides runs(workflow_id, status, finished_at)). */
export async function liveRunCounts(
  prisma: PrismaClient,
): Promise<{ workflow: string; status: string; count: number }[]> {
  const rows = await prisma.$queryRaw<{ workflow: string; status: string; count: bigint }[]>(Prisma.sql`
    SELECT w.slug AS workflow, r.status::text AS status, count(*) AS count
    FROM runs r JOIN workflows w ON w.id = r.workflow_id
    WHERE r.mode = 'live'::run_mode
    GROUP BY w.slug, r.status`);
  return rows.map((r) => ({ workflow: r.workflow, status: r.status, count: Number(r.count) }));
}

export async function pendingApprovalCount(prisma: PrismaClient): Promise<number> {
  return prisma.approvalTask.count({ where: { status: 'pending' } });
}

/** Work waiting for an executor: queued runs, and waiting runs whose timer is due. */
export async function queueDepth(prisma: PrismaClient, now: Date): Promise<number> {
  return prisma.run.count({
    where: { OR: [{ status: 'queued' }, { status: 'waiting', wakeAt: { lte: now } }] },
  });
}
