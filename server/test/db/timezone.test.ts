import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/database';
import { seedWorkflowWithVersion } from './fixtures';
import { createTestDatabase, type TestDatabase } from './test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

it('when the database server runs in another time zone then timestamps are stored and read back unchanged', async () => {
  await db.prisma.$executeRawUnsafe(`ALTER DATABASE "${db.name}" SET timezone = 'Asia/Kolkata'`);
  const prisma = createPrismaClient(db.url, 1);
  try {
    const { workflow } = await seedWorkflowWithVersion(prisma);
    const tickAt = new Date('2026-11-28T09:00:00.000Z');

    await prisma.scheduleTick.create({ data: { workflowId: workflow.id, tickAt } });

    const [stored] = await prisma.$queryRaw<[{ utc: string }]>`
      SELECT to_char(tick_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS utc FROM schedule_ticks`;
    expect(stored.utc).toBe('2026-11-28T09:00:00');
    const read = await prisma.scheduleTick.findFirstOrThrow({ where: { workflowId: workflow.id } });
    expect(read.tickAt.toISOString()).toBe(tickAt.toISOString());
  } finally {
    await prisma.$disconnect();
  }
});
