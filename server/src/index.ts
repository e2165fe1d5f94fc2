/**
 * `npm start`: open the database (embedded PostgreSQL unless DATABASE_URL is set),
 * migrate, seed demo data on an empty database, serve, and shut down cleanly.
 */
import { join } from 'node:path';
import { embeddedPostgresOf, expressionPoolOf, loadConfig, REPO_ROOT } from './config';
import { serveClient } from './http/client-static';
import type { AppContext } from './context';
import { openDatabase } from './db/database';
import { systemClock } from './engine';
import { createLogger } from './log';
import { metricsWarning } from './metrics';
import { seedDemoData } from './seed';
import { startExpressionPool } from './sandbox/pool';
import { createServer } from './server';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const t0 = performance.now();

const db = await openDatabase({
  url: config.DATABASE_URL,
  embedded: { ...embeddedPostgresOf(config), stopOnSignals: false, onWarn: (message) => log.warn(message) },
});
log.info({ timings: db.timings, migrations: db.migrations, embedded: Boolean(db.embedded) }, 'database ready');

const ctx: AppContext = { config, prisma: db.prisma, log, clock: systemClock };
const metricsClosed = metricsWarning(config);
if (metricsClosed) log.warn(metricsClosed);
// Expressions run in sandbox processes: no playbook can block this event loop or exhaust its heap.
const expressions = await startExpressionPool({
  ...expressionPoolOf(config),
  onIncident: (message) => log.warn(message),
});
const clientDir = join(REPO_ROOT, 'client', 'dist');
const server = createServer(ctx, {
  databaseUrl: db.url,
  expressions,
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

// Longer than any client's idle keep-alive: a socket the server closes just as a client
// reuses it answers ECONNRESET (seen in the browser suite with Node's 5 s default).
listener.keepAliveTimeout = 65_000;
listener.headersTimeout = 66_000;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  listener.close();
  listener.closeAllConnections();
  await server.stop();
  await expressions.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
