/**
 * Opening the database: a given URL (scale mode) or the embedded cluster (default),
 * migrated to the schema of this checkout, behind a PrismaClient.
 */
import { performance } from 'node:perf_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { rememberClientUrl } from './client-url';
import { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded';
import { applyMigrations, MIGRATIONS_DIR, type MigrateResult } from './migrate';

/** The database the server uses inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'autonomic';

export interface OpenDatabaseOptions {
  /**
   * A PostgreSQL URL (the server passes `config.DATABASE_URL`). Unset or empty: the
   * embedded cluster is started (see `embedded`).
   */
  url?: string;
  /** Options of the embedded cluster, when it is used. */
  embedded?: EmbeddedPostgresOptions;
  /** Apply pending migrations before returning. @default true */
  migrate?: boolean;
  /** @default prisma/migrations of this checkout */
  migrationsDir?: string;
  /** Connections in the pool. @default 10 */
  poolSize?: number;
}

export interface Database {
  prisma: PrismaClient;
  /** The URL the client is connected to (contains the password: do not log it). */
  url: string;
  /** The embedded cluster, when this call started (or joined) one. */
  embedded?: EmbeddedPostgres;
  migrations: MigrateResult | undefined;
  /** Phases of the start, in ms, for logs and the start-time budget. */
  timings: { embeddedMs: number; migrateMs: number; connectMs: number };
  /** Disconnects the client, then stops the embedded cluster if this call started it. */
  close(): Promise<void>;
}

/** Creates `name` on the cluster of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((error: unknown) => {
      // Another process created it between our check and our CREATE.
      if (!(error instanceof Error && 'code' in error && error.code === '42P04')) throw error;
    });
  } finally {
    await client.end();
  }
}

/**
 * A PrismaClient over pg for `url` (no migration, no embedded cluster).
 *
 * Sessions run in UTC: adapter-pg sends DateTime parameters as UTC wall-clock text
 * without an offset, which PostgreSQL reads in the session time zone, so on a server
 * whose TimeZone is not UTC every timestamptz written would be shifted by the offset.
 */
export function createPrismaClient(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC' });
  const client = new PrismaClient({ adapter });
  rememberClientUrl(client, url);
  return client;
}

/**
 * Opens the database: `url` if set, else the embedded cluster (in `<repo>/data/pg` unless
 * `embedded.dataDir` says otherwise); applies pending migrations; returns a connected PrismaClient.
 *
 * @example
 * const db = await openDatabase();
 * const users = await db.prisma.user.findMany();
 * await db.close();
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.url;
  const t0 = performance.now();
  if (!url) {
    embedded = await startEmbeddedPostgres(options.embedded);
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
    url = embedded.urlFor(EMBEDDED_DATABASE);
  }
  const t1 = performance.now();
  try {
    const migrations =
      (options.migrate ?? true) ? await applyMigrations(url, options.migrationsDir ?? MIGRATIONS_DIR) : undefined;
    const t2 = performance.now();
    const prisma = createPrismaClient(url, options.poolSize);
    await prisma.$connect();
    const t3 = performance.now();
    return {
      prisma,
      url,
      embedded,
      migrations,
      timings: { embeddedMs: t1 - t0, migrateMs: t2 - t1, connectMs: t3 - t2 },
      close: async () => {
        await prisma.$disconnect();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
