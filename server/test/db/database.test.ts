import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { applyMigrations, readMigrations } from '../../src/db/migrate';
import { runPrismaCli } from '../../src/db/prisma-cli';
import { expectOwnDatabase } from './isolation';
import { createTestDatabase, type TestDatabase } from './test-database';

const databases: TestDatabase[] = [];
async function emptyDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrated: false });
  databases.push(db);
  return db;
}
afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
});

describe('openDatabase on a URL', () => {
  it('when the database is empty then every migration is applied, in order, and recorded for Prisma', async () => {
    const { url } = await emptyDatabase();
    const files = await readMigrations();

    const db = await openDatabase({ url });
    try {
      expect(db.migrations?.applied).toEqual(files.map((migration) => migration.name));
      const recorded = await db.prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
        SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`;
      expect(recorded).toEqual(files.map(({ name, checksum }) => ({ migration_name: name, checksum })));
      expect(await db.prisma.workflow.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  // How fast a second open is ready is a number npm start logs (`database ready`, timings), not a
  // timed assertion: on a loaded machine any wall-clock bound here fails for the wrong reason.
  it('when the database is already migrated then a second open applies nothing', async () => {
    const { url } = await emptyDatabase();
    await (await openDatabase({ url })).close();

    const db = await openDatabase({ url });
    await db.close();

    expect(db.migrations?.applied).toEqual([]);
    expect(db.migrations?.upToDate).toBe((await readMigrations()).length);
  });

  it('when three servers start at once on an empty database then each migration is applied exactly once', async () => {
    const { url, prisma } = await emptyDatabase();

    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);

    const names = (await readMigrations()).map((migration) => migration.name);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(names);
    const rows = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations"`;
    expect(Number(rows[0]?.n)).toBe(names.length);
  });

  it('when a migration fails then it is rolled back and not recorded, and the ones before it stay applied', async () => {
    const { url, prisma } = await emptyDatabase();
    const dir = await fs.mkdtemp(join(tmpdir(), 'migrations-'));
    await fs.mkdir(join(dir, '001_ok'));
    await fs.writeFile(join(dir, '001_ok', 'migration.sql'), 'CREATE TABLE ok_table (id int);');
    await fs.mkdir(join(dir, '002_broken'));
    await fs.writeFile(
      join(dir, '002_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT no_such_column;',
    );

    try {
      await expect(applyMigrations(url, dir)).rejects.toThrow(/002_broken failed and was rolled back/);

      const tables = await prisma.$queryRaw<{ table_name: string }[]>`
        SELECT table_name::text FROM information_schema.tables WHERE table_name IN ('ok_table', 'half_done')`;
      expect(tables.map((table) => table.table_name)).toEqual(['ok_table']);
      const recorded = await prisma.$queryRaw<
        { migration_name: string }[]
      >`SELECT migration_name FROM "_prisma_migrations"`;
      expect(recorded).toEqual([{ migration_name: '001_ok' }]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('when our runner has migrated a database then `prisma migrate status` finds it up to date', async () => {
    const { url } = await emptyDatabase();
    await applyMigrations(url);

    const status = await runPrismaCli(['migrate', 'status'], url, { capture: true });

    expect(status.output).toContain('Database schema is up to date');
    expect(status.code).toBe(0);
  });
});

describe('openDatabase on the embedded cluster', () => {
  const dataDir = join(tmpdir(), `autonomic-open-${randomBytes(4).toString('hex')}`, 'pg');
  afterAll(async () => {
    await fs.rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('when the data directory is opened a second time then nothing is initialised or applied and the data is kept', async () => {
    vi.stubEnv('DATABASE_URL', '');
    try {
      const first = await openDatabase({ embedded: { dataDir } });
      await first.prisma.user.create({ data: { username: 'kept', displayName: 'Kept', passwordHash: '-' } });
      await first.close();

      const second = await openDatabase({ embedded: { dataDir } });
      const kept = await second.prisma.user.findUnique({ where: { username: 'kept' } });
      await second.close();

      expect(first.embedded?.created).toBe(true);
      expect(first.migrations?.applied.length).toBeGreaterThan(0);
      expect(second.embedded?.created).toBe(false);
      expect(second.migrations?.applied).toEqual([]);
      expect(kept?.displayName).toBe('Kept');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('test databases', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('when two test files each create a database then neither sees the other', async () => {
    await expectOwnDatabase(db, 'database.test.ts');
  });

  it('when a database is created twice in one file then the two are distinct and migrated', async () => {
    const other = await createTestDatabase();
    databases.push(other);
    expect(other.name).not.toBe(db.name);
    expect(await other.prisma.workflow.count()).toBe(0);
  });
});
