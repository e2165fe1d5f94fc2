/**
 * `npm start`: open the database (embedded PostgreSQL unless DATABASE_URL is set),
 * migrate, seed demo data on an empty database, serve, and shut down cleanly. A start
 * that fails says why in one line on stderr (with the fix where there is one), stops
 * what it had started, and exits 1: no stack trace (`LOG_LEVEL=debug` logs the error).
 */
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { REPO_ROOT, type Config } from './config';
import type { AppContext } from './context';
import { systemClock } from './engine';
import { failStart, newStartup, oneLine, openAll, readSettings, StartupError, stopOnSignals } from './open';
import { openableUrl, readyLine } from './ready';

const LISTEN_FIXES: Record<string, string> = {
  EADDRINUSE: 'another process listens there: stop it, or set PORT to a free port',
  EACCES: 'this user may not listen there: set PORT above 1023',
  EADDRNOTAVAIL: 'this machine has no such address: set HOST to one of its own (e.g. 127.0.0.1)',
};

/** What to print for a failed start. */
function explain(error: unknown, config: Config | undefined): string {
  if (error instanceof StartupError) return error.message;
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (error instanceof Error && 'syscall' in error && error.syscall === 'listen') {
    return `cannot listen on ${config?.HOST}:${config?.PORT}: ${oneLine(error)} (${LISTEN_FIXES[code] ?? 'check HOST and PORT'})`;
  }
  return oneLine(error);
}

const startup = newStartup();

async function start(): Promise<void> {
  const { config: settings, log: logger } = readSettings(startup);
  const t0 = performance.now();
  const { db, expressions, loaded } = await openAll(startup, settings, logger, {
    migrate: true,
    load: () =>
      Promise.all([import('./server'), import('./seed'), import('./http/client-static'), import('./metrics')]),
  });
  const [{ createServer }, { seedDemoData, enabledDemoUsers }, { serveClient }, { metricsWarning }] = loaded;
  logger.info({ timings: db.timings, migrations: db.migrations, embedded: Boolean(db.embedded) }, 'database ready');

  const ctx: AppContext = { config: settings, prisma: db.prisma, log: logger, clock: systemClock };
  const metricsClosed = metricsWarning(settings);
  if (metricsClosed) logger.warn(metricsClosed);
  const clientDir = join(REPO_ROOT, 'client', 'dist');
  let ui: 'served' | 'not-built' | 'off' = 'off';
  const server = createServer(ctx, {
    databaseUrl: db.url,
    expressions,
    after: (app) => {
      if (!settings.SERVE_CLIENT) return;
      ui = serveClient(app, clientDir) ? 'served' : 'not-built';
      if (ui === 'not-built') logger.warn({ clientDir }, 'client not built: run `npm run build` to serve the UI');
    },
  });
  startup.opened.push(() => server.stop());
  const demoCreated = settings.SEED_DEMO ? (await seedDemoData(ctx)).length > 0 : false;
  await server.start();

  const listener = createHttpServer(server.listener).listen(settings.PORT, settings.HOST);
  await new Promise<void>((resolve, reject) => {
    listener.once('listening', resolve);
    listener.once('error', reject);
  });
  const address = listener.address();
  const port = typeof address === 'object' && address ? address.port : settings.PORT;
  logger.info(
    { port, startMs: Math.round(performance.now() - t0) },
    `Autonomic listening on http://${settings.HOST}:${port}`,
  );
  const people = await enabledDemoUsers(ctx);
  const url = openableUrl(settings.HOST, port, settings.PUBLIC_URL);
  logger.info(readyLine({ url, ui, users: people.users, demoUsers: people.demo, demoCreated }));

  // Longer than any client's idle keep-alive: a socket the server closes just as a client
  // reuses it answers ECONNRESET (seen in the browser suite with Node's 5 s default).
  listener.keepAliveTimeout = 65_000;
  listener.headersTimeout = 66_000;

  stopOnSignals(logger, async () => {
    listener.close();
    listener.closeAllConnections();
    await server.stop();
    await expressions.close();
    await db.close();
  });
}

await start().catch((error: unknown) => failStart(startup, 'autonomic', error, explain(error, startup.config)));
