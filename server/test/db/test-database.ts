/**
 * A fresh, migrated database for one test file, cloned from the run's template database
 * (see server/test/global-setup.ts).
 *
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase(); });
 * afterAll(() => db.drop());
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { expect, inject } from 'vitest';
import { createPrismaClient } from '../../src/db/database';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { createDatabase, databaseUrl, dropDatabase } from './admin';

export interface TestDatabase {
  /** `test_<file>_<random>`. */
  name: string;
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Clone the migrated template; false gives an empty database. @default true */
  migrated?: boolean;
}

function databaseName(): string {
  const file = basename(expect.getState().testPath ?? 'test').replace(/\.test\.tsx?$/, '');
  const slug = file
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40);
  return `test_${slug}_${randomBytes(4).toString('hex')}`;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = inject('dbAdminUrl');
  const name = databaseName();
  await createDatabase(adminUrl, name, (options.migrated ?? true) ? inject('dbTemplate') : undefined);
  const url = databaseUrl(adminUrl, name);
  const prisma = createPrismaClient(url, 4);
  return {
    name,
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await dropDatabase(adminUrl, name);
    },
  };
}
