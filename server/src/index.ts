/**
 * `npm start`: open the database (embedded PostgreSQL unless DATABASE_URL is set),
 * migrate, seed demo data on an empty database, serve, and shut down cleanly. A start
 * that fails says why in one line on stderr (with the fix where there is one), stops
 * what it had started, and exits 1: no stack trace (`LOG_LEVEL=debug` logs the error).
 */
import { join } from 'node:path';
import { embeddedPostgresOf, expressionPoolOf, loadConfig, REPO_ROOT, type Config } from './config';
import type { AppContext } from './context';
import { openDatabase } from './db/database';
import { systemClock } from './engine';
import { chooseLogFormat, createLogger, type Logger } from './log';
import { openableUrl, readyLine } from './ready';

/** A start failure with its own one-line message (already saying what to do). */
class StartupError extends Error {}

/** The first line of an error's message, with the rest folded in (`a: b; c`). */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const [first = 'unknown error', ...rest] = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return rest.length === 0 ? first : `${first} ${rest.join('; ')}`;
}

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

let config: Config | undefined;
let log: Logger | undefined;
/** What the start opened so far, closed in reverse when it fails. */
const opened: Array<() => Promise<unknown>> = [];

async function start(): Promise<void> {
  try {
    config = loadConfig();
  } catch (error) {
    throw new StartupError(`${oneLine(error)} (see the settings table in README.md)`);
  }
  const settings = config;
  const logger = createLogger(settings.LOG_LEVEL, {
    format: chooseLogFormat(settings.LOG_FORMAT, process.stdout.isTTY === true),
  });
  log = logger;
  const t0 = performance.now();

  // Side by side: PostgreSQL starting (its own process), the expression sandbox starting
  // (its own processes) and the rest of the server's code loading (~1 s of imports), so a
  // start, and the restart after a crash, waits for the slowest of them, not their sum.
  const opening = openDatabase({
    url: settings.DATABASE_URL,
    embedded: { ...embeddedPostgresOf(settings), stopOnSignals: false, onWarn: (message) => logger.warn(message) },
  }).catch((error: unknown) => {
    if (!settings.DATABASE_URL) throw error;
    throw new StartupError(
      `cannot open the database at DATABASE_URL: ${oneLine(error)} (check it, or unset it to use the embedded PostgreSQL)`,
    );
  });
  // Expressions run in sandbox processes: no playbook can block this event loop or exhaust its heap.
  const sandboxing = import('./sandbox/pool').then(({ startExpressionPool }) =>
    startExpressionPool({ ...expressionPoolOf(settings), onIncident: (message) => logger.warn(message) }),
  );
  const loading = Promise.all([
    import('./server'),
    import('./seed'),
    import('./http/client-static'),
    import('./metrics'),
  ]);
  const [dbOpened, poolStarted, loaded] = await Promise.allSettled([opening, sandboxing, loading]);
  if (poolStarted.status === 'fulfilled') opened.push(() => poolStarted.value.close());
  if (dbOpened.status === 'fulfilled') opened.push(() => dbOpened.value.close());
  for (const r of [dbOpened, poolStarted, loaded]) if (r.status === 'rejected') throw r.reason;
  const db = await opening;
  const expressions = await sandboxing;
  const [{ createServer }, { seedDemoData, enabledDemoUsers }, { serveClient }, { metricsWarning }] = await loading;
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
  opened.push(() => server.stop());
  const demoCreated = settings.SEED_DEMO ? (await seedDemoData(ctx)).length > 0 : false;
  await server.start();

  const listener = server.app.listen(settings.PORT, settings.HOST);
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

  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    listener.close();
    listener.closeAllConnections();
    await server.stop();
    await expressions.close();
    await db.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Says why in one line, closes what was opened (at most 10 s), exits 1. */
async function fail(error: unknown): Promise<never> {
  process.stderr.write(`autonomic: could not start: ${explain(error, config)}\n`);
  log?.debug({ err: error }, 'start failed');
  const closing = (async () => {
    for (const close of opened.reverse()) await close().catch(() => undefined);
  })();
  await Promise.race([closing, new Promise((r) => setTimeout(r, 10_000).unref())]);
  process.exit(1);
}

await start().catch(fail);
