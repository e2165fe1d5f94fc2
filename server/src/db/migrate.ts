/**
 * Applies prisma/migrations at server start without the Prisma CLI: each pending
 * `migration.sql`, in name order, in its own transaction, recorded in Prisma's own
 * `_prisma_migrations` table with Prisma's checksum, so `prisma migrate status/deploy/dev`
 * see exactly what we applied. A PostgreSQL advisory lock (Prisma's key) serialises
 * servers starting together and any concurrent `prisma migrate`.
 *
 * Why not spawn `prisma migrate deploy`: it loads the CLI and the wasm schema engine,
 * 1.2–1.8 s per start even with nothing to apply (measured), against ~10 ms here.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { REPO_ROOT } from './embedded';

export const MIGRATIONS_DIR = join(REPO_ROOT, 'prisma', 'migrations');

/** The key `prisma migrate` locks with (SELECT pg_advisory_lock(72707369)). */
const PRISMA_MIGRATE_LOCK = 72707369;

const CREATE_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  /** Folder name, e.g. `20261128000000_init`. */
  name: string;
  sql: string;
  /** SHA-256 hex of the file, as Prisma computes it. */
  checksum: string;
}

export interface MigrateResult {
  /** Names applied by this call, in order. */
  applied: string[];
  /** Migrations that were already applied. */
  upToDate: number;
  /** Wall time including the lock wait, in ms. */
  ms: number;
  /** Applied checksums that differ from the files, and applied names with no file. */
  warnings: string[];
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const bytes = await fs.readFile(join(dir, name, 'migration.sql')).catch(() => undefined);
    if (!bytes) continue;
    migrations.push({ name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') });
  }
  return migrations;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every pending migration of `dir` to the database at `url`.
 * Throws (and leaves that migration unapplied) when one fails, or when the table shows
 * a migration that a `prisma migrate` run left failed.
 */
export async function applyMigrations(url: string, dir: string = MIGRATIONS_DIR): Promise<MigrateResult> {
  const started = performance.now();
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    try {
      await client.query('SET client_min_messages = warning');
      await client.query(CREATE_BOOKKEEPING);
      const { rows } = await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
      );
      const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
      if (failed) {
        throw new Error(
          `Migration ${failed.migration_name} failed earlier; resolve it with \`npm run prisma -- migrate resolve\``,
        );
      }
      const applied = new Map(
        rows.filter((row) => row.rolled_back_at === null).map((row) => [row.migration_name, row]),
      );
      const known = new Set(migrations.map((migration) => migration.name));
      const warnings = [
        ...migrations
          .filter((m) => applied.has(m.name) && applied.get(m.name)?.checksum !== m.checksum)
          .map((m) => `migration ${m.name} was modified after it was applied`),
        ...[...applied.keys()]
          .filter((name) => !known.has(name))
          .map((name) => `migration ${name} is applied but has no file here`),
      ];

      const pending = migrations.filter((migration) => !applied.has(migration.name));
      for (const migration of pending) await applyOne(client, migration);
      return {
        applied: pending.map((migration) => migration.name),
        upToDate: migrations.length - pending.length,
        ms: performance.now() - started,
        warnings,
      };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = randomUUID();
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
      [id, migration.checksum, migration.name],
    );
    // Simple protocol: the whole file at once, as `prisma migrate deploy` sends it.
    await client.query(migration.sql);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${String(error)}`, { cause: error });
  }
}
