/**
 * Keeping the seeded cluster between runs of the benchmark (`BENCH_DATA_DIR=/some/dir`):
 * seeding and folding a million runs takes minutes, profiling a query needs the data many
 * times. The cluster remembers how many runs were seeded and when ("now" of the seed), so a
 * later run skips the stages already there and measures with its clock set back to that
 * instant: the same ranges, the same edge hours, whenever it runs.
 */
import type { PrismaClient } from '../../src/generated/prisma/client';

export interface Seeded {
  total: number;
  at: Date;
}

const TABLE = 'bench_dashboard_seeded';

/** The last stage seeded into this cluster, or null for a fresh one. */
export async function seededBefore(prisma: PrismaClient): Promise<Seeded | null> {
  await prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS ${TABLE} (total int NOT NULL, at timestamptz NOT NULL)`);
  const [row] = await prisma.$queryRawUnsafe<{ total: number; at: Date }[]>(
    `SELECT total, at FROM ${TABLE} ORDER BY total DESC LIMIT 1`,
  );
  return row ? { total: row.total, at: new Date(row.at) } : null;
}

/** Notes a stage as seeded and folded. */
export async function markSeeded(prisma: PrismaClient, s: Seeded): Promise<void> {
  await prisma.$executeRawUnsafe(`INSERT INTO ${TABLE} (total, at) VALUES ($1, $2)`, s.total, s.at);
}
