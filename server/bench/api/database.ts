/**
 * The benchmark's own database: a fresh embedded cluster in a temp directory, or, when
 * DATABASE_URL is set, a throw-away database `autonomic_bench_<pid>` on that server
 * (dropped at the end) — never the data of a running installation.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDatabase, openDatabase, type Database } from '../../src/db/database';

export interface BenchDatabase {
  db: Database;
  /** The embedded cluster's data directory (for its processes' CPU), if embedded. */
  dataDir: string | undefined;
  /** Stops the cluster (or drops the database) and deletes the temp directory; the caller handles signals. */
  close(): Promise<void>;
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `autonomic_bench_${process.pid}`;
    await ensureDatabase(external, name);
    const url = new URL(external);
    url.pathname = `/${name}`;
    const db = await openDatabase({ url: url.href });
    return {
      db,
      dataDir: undefined,
      async close() {
        await db.close();
        const admin = new pg.Client({ connectionString: external });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  // Not mkdtemp: as root the parent must be created (and handed to `postgres`) by embedded.ts.
  const work = join(tmpdir(), `autonomic-bench-api-${process.pid}`);
  const dataDir = join(work, 'pg');
  const db = await openDatabase({ url: '', embedded: { dataDir, stopOnSignals: false } });
  return {
    db,
    dataDir,
    async close() {
      try {
        await db.close();
      } finally {
        await fs.rm(work, { recursive: true, force: true });
      }
    },
  };
}
