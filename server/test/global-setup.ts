/**
 * Vitest globalSetup: one PostgreSQL cluster for the whole run and one migrated template
 * database; each test file clones its own database from the template (test-database.ts).
 *
 * TEST_DATABASE_URL (an admin URL of any PostgreSQL) replaces the embedded cluster, so
 * the same suites run against a real server.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { applyMigrations } from '../src/db/migrate';
import { createDatabase, databaseUrl, dropDatabase } from './db/admin';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test cluster (database `postgres`). */
    dbAdminUrl: string;
    /** Migrated database that test databases are cloned from. */
    dbTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const external = process.env.TEST_DATABASE_URL;
  const dataDir = join(tmpdir(), `autonomic-test-pg-${randomBytes(4).toString('hex')}`);
  // Throw-away data: trade durability for speed.
  const embedded = external
    ? undefined
    : await startEmbeddedPostgres({
        dataDir,
        postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      });
  const adminUrl = external ?? embedded?.adminUrl ?? '';
  const clusterMs = performance.now() - started;

  // Unique per run, so concurrent runs can share one TEST_DATABASE_URL server.
  const template = `autonomic_template_${randomBytes(4).toString('hex')}`;
  await createDatabase(adminUrl, template);
  const migrated = await applyMigrations(databaseUrl(adminUrl, template));
  if (process.env.DB_TEST_TIMINGS) {
    console.log(`test db: cluster ${Math.round(clusterMs)} ms, template migrated in ${Math.round(migrated.ms)} ms`);
  }

  project.provide('dbAdminUrl', adminUrl);
  project.provide('dbTemplate', template);

  return async () => {
    if (!embedded) return dropDatabase(adminUrl, template);
    await embedded.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
