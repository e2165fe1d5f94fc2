/**
 * `npm start`: open the database (embedded PostgreSQL unless DATABASE_URL is set),
 * migrate, seed demo data on an empty database, serve, and shut down cleanly.
 */
import { join } from 'node:path';
import { embeddedPostgresOf, loadConfig, REPO_ROOT } from './config';
import { serveClient } from './http/client-static';
import type { AppContext } from './context';
import { openDatabase } from './db/database';
import { systemClock } from './engine';
import { createLogger } from './log';
import { seedDemoData } from './seed';
import { createServer } from './server';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const t0 = performance.now();

const db = await openDatabase({
  url: config.DATABASE_URL,
  embedded: { ...embeddedPostgresOf(config), stopOnSignals: false },
});
log.info({ timings: db.timings, migrations: db.migrations, embedded: Boolean(db.embedded) }, 'database ready');

const ctx: AppContext = { config, prisma: db.prisma, log, clock: systemClock };
const clientDir = join(REPO_ROOT, 'client', 'dist');
const server = createServer(ctx, {
  databaseUrl: db.url,
  after: (app) => {
    if (config.SERVE_CLIENT && !serveClient(app, clientDir)) {
      log.warn({ clientDir }, 'client not built: run `npm run build` to serve the UI');
    }
  },
});
if (config.SEED_DEMO) await seedDemoData(ctx);
await server.start();

const listener = server.app.listen(config.PORT, config.HOST, () => {
  const address = listener.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info(
    { port, startMs: Math.round(performance.now() - t0) },
    `Autonomic listening on http://${config.HOST}:${port}`,
  );
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  listener.close();
  listener.closeAllConnections();
  await server.stop();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
