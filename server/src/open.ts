/**
 * What `npm start` (index.ts) and `npm run worker` (worker/main.ts) share: the settings and
 * the logger, the database and the expression sandbox opened side by side, a failed start
 * said in one line (what was opened is closed again), and a clean stop on SIGINT/SIGTERM.
 */
import { embeddedPostgresOf, expressionPoolOf, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { chooseLogFormat, createLogger, type Logger } from './log';
import type { ExpressionPool } from './sandbox/pool';

/** A start failure with its own one-line message (already saying what to do). */
export class StartupError extends Error {}

/** The first line of an error's message, with the rest folded in (`a: b; c`). */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const [first = 'unknown error', ...rest] = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return rest.length === 0 ? first : `${first} ${rest.join('; ')}`;
}

/** One process's start: its settings and logger once read, and what it opened so far. */
export interface Startup {
  config?: Config;
  log?: Logger;
  /** Closers of what was opened, run in reverse when the start fails. */
  readonly opened: Array<() => Promise<unknown>>;
}

export const newStartup = (): Startup => ({ opened: [] });

/** Reads the settings (a bad one is a StartupError naming it) and makes the logger. */
export function readSettings(startup: Startup): { config: Config; log: Logger } {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    throw new StartupError(`${oneLine(error)} (see the settings table in README.md)`);
  }
  const log = createLogger(config.LOG_LEVEL, {
    format: chooseLogFormat(config.LOG_FORMAT, process.stdout.isTTY === true),
  });
  startup.config = config;
  startup.log = log;
  return { config, log };
}

export interface Opened<T> {
  db: Database;
  expressions: ExpressionPool;
  /** What `load` gave (the process's own modules). */
  loaded: T;
}

/**
 * Side by side: PostgreSQL starting or joined (its own process), the expression sandbox
 * starting (its own processes) and the process's own modules loading (~1 s of imports), so
 * a start waits for the slowest of them, not their sum.
 */
export async function openAll<T>(
  startup: Startup,
  config: Config,
  log: Logger,
  options: { migrate: boolean; load: () => Promise<T> },
): Promise<Opened<T>> {
  const opening = openDatabase({
    url: config.DATABASE_URL,
    migrate: options.migrate,
    embedded: { ...embeddedPostgresOf(config), stopOnSignals: false, onWarn: (message) => log.warn(message) },
  }).catch((error: unknown) => {
    if (!config.DATABASE_URL) throw error;
    throw new StartupError(
      `cannot open the database at DATABASE_URL: ${oneLine(error)} (check it, or unset it to use the embedded PostgreSQL)`,
    );
  });
  // Expressions run in sandbox processes: no playbook can block this event loop or exhaust its heap.
  const sandboxing = import('./sandbox/pool').then(({ startExpressionPool }) =>
    startExpressionPool({ ...expressionPoolOf(config), onIncident: (message) => log.warn(message) }),
  );
  const loading = options.load();
  const [dbOpened, poolStarted, loaded] = await Promise.allSettled([opening, sandboxing, loading]);
  if (poolStarted.status === 'fulfilled') startup.opened.push(() => poolStarted.value.close());
  if (dbOpened.status === 'fulfilled') startup.opened.push(() => dbOpened.value.close());
  for (const r of [dbOpened, poolStarted, loaded]) if (r.status === 'rejected') throw r.reason;
  return { db: await opening, expressions: await sandboxing, loaded: await loading };
}

/** Says why in one line on stderr, closes what was opened (at most 10 s), exits 1. */
export async function failStart(startup: Startup, who: string, error: unknown, explained: string): Promise<never> {
  process.stderr.write(`${who}: could not start: ${explained}\n`);
  startup.log?.debug({ err: error }, 'start failed');
  const closing = (async () => {
    for (const close of startup.opened.reverse()) await close().catch(() => undefined);
  })();
  await Promise.race([closing, new Promise((r) => setTimeout(r, 10_000).unref())]);
  process.exit(1);
}

/** Runs `stop` once on the first SIGINT or SIGTERM, then exits 0. */
export function stopOnSignals(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
