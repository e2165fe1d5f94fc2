/**
 * `npm run worker`: a process that runs only the background work of `npm start` — the
 * executor's claim loop, the test and replay runners, approvals reconcile and
 * notifications, the scheduler, credential probes and rollbacks — with no HTTP listener,
 * on the same PostgreSQL: DATABASE_URL, or the embedded cluster a running `npm start`
 * started in the same DATA_DIR (joined, never started: it belongs to that server).
 * It applies no migrations; it refuses a database that lacks one of its checkout's.
 * SIGINT/SIGTERM: runs in flight finish (up to EXECUTOR_STOP_GRACE_MS), the rest are given
 * back to the other executors, then it exits 0. See docs/deployment.md.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { embeddedPostgresOf, type Config } from '../config';
import type { AppContext } from '../context';
import type { Database } from '../db/database';
import { alive, existingPostmaster } from '../db/postmaster';
import { systemClock } from '../engine';
import type { Logger } from '../log';
import { failStart, newStartup, oneLine, openAll, readSettings, StartupError, stopOnSignals } from '../open';
import { pendingMigrations } from './schema';

const startup = newStartup();

/** The embedded cluster of this DATA_DIR, which a running `npm start` must have started. */
async function runningCluster(config: Config): Promise<{ dataDir: string; pid: number }> {
  const { dataDir } = embeddedPostgresOf(config);
  const existing = await existingPostmaster(dataDir);
  if (existing.kind === 'shared') return { dataDir, pid: existing.pid };
  throw new StartupError(
    existing.kind === 'orphan'
      ? `the embedded PostgreSQL in ${dataDir} was left running by a server that died: start the server again (npm start), then the worker`
      : `no embedded PostgreSQL runs in ${dataDir}: start the server first (npm start, same DATA_DIR), or set DATABASE_URL`,
  );
}

/** Where the worker works, without the password. */
function describe(db: Database): string {
  if (db.embedded) return `embedded PostgreSQL in ${db.embedded.dataDir} (port ${db.embedded.port})`;
  const url = new URL(db.url);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/** The worker stops when the embedded cluster it joined stops (its server stopped). */
function watchCluster(pid: number, log: Logger): void {
  setInterval(() => {
    if (alive(pid)) return;
    log.error('the embedded PostgreSQL stopped (the server that started it stopped): the worker stops too');
    process.exit(1);
  }, 1_000).unref();
}

async function start(): Promise<void> {
  const { config, log: baseLog } = readSettings(startup);
  const cluster = config.DATABASE_URL ? undefined : await runningCluster(config);
  const { db, expressions, loaded } = await openAll(startup, config, baseLog, {
    migrate: false,
    load: () => import('../server'),
  });
  const pending = await pendingMigrations(db.url);
  if (pending.length > 0) {
    throw new StartupError(
      `the database lacks ${pending.length} migration(s) of this version (first: ${pending[0]}): ` +
        'start the API server of this version (npm start) once, it applies them; then start the worker',
    );
  }
  if (config.DATABASE_URL && !config.SECRET_KEY) {
    baseLog.warn('SECRET_KEY is unset: this worker uses DATA_DIR/secret.key; give every process the same SECRET_KEY');
  }

  const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const log = baseLog.child({ workerId });
  // A worker is its executor, whatever EXECUTOR says (that setting is for `npm start`).
  const ctx: AppContext = { config: { ...config, EXECUTOR: true }, prisma: db.prisma, log, clock: systemClock };
  const server = loaded.createServer(ctx, { databaseUrl: db.url, expressions, workerId });
  startup.opened.push(() => server.stop());
  await server.start();
  if (cluster) watchCluster(cluster.pid, log);

  const database = describe(db);
  log.info(
    { concurrency: config.EXECUTOR_CONCURRENCY, database },
    `worker ${workerId} ready: runs up to ${config.EXECUTOR_CONCURRENCY} at once on ${database}`,
  );
  stopOnSignals(log, async () => {
    await server.stop();
    await expressions.close();
    await db.close();
    log.info('worker stopped: runs in flight finished or given back');
  });
}

await start().catch((error: unknown) =>
  failStart(startup, 'autonomic worker', error, error instanceof StartupError ? error.message : oneLine(error)),
);
