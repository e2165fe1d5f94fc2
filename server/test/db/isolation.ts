/**
 * Proof that test files do not share a database: every file that calls this leaves a
 * marker row in its own database and must find no other file's marker there. Were two
 * files given one database, whichever checked second would see the other's marker.
 */
import { expect } from 'vitest';
import type { TestDatabase } from './test-database';

export async function expectOwnDatabase(db: TestDatabase, file: string): Promise<void> {
  const [{ current }] = await db.prisma.$queryRaw<[{ current: string }]>`SELECT current_database()::text AS current`;
  expect(current).toBe(db.name);
  await db.prisma.user.create({ data: { username: `marker:${file}`, displayName: file, passwordHash: '-' } });
  const markers = await db.prisma.user.findMany({ where: { username: { startsWith: 'marker:' } } });
  expect(markers.map((user) => user.username)).toEqual([`marker:${file}`]);
}
