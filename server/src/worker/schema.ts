/**
 * A worker applies no migrations: the API server of the same version (`npm start`) does.
 * It only checks that every migration of its checkout is applied, so a worker of a newer
 * version never runs on an older schema.
 */
import pg from 'pg';
import { MIGRATIONS_DIR, readMigrations } from '../db/migrate';

/** The names of this checkout's migrations the database at `url` lacks, in order. */
export async function pendingMigrations(url: string, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.name));
    return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
  } catch (error) {
    // No bookkeeping table: nothing was ever migrated here.
    if (error instanceof Error && 'code' in error && error.code === '42P01') return migrations.map((m) => m.name);
    throw error;
  } finally {
    await client.end();
  }
}
