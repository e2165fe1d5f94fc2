/**
 * The real server with a throwaway database, as the e2e suite and the editor benchmark
 * start it: a fresh data folder (embedded PostgreSQL inside), a free port, demo users and
 * the example playbooks, no demo run history (dashboards are not under test here).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the server's pid is written, inside the data folder. */
const PID_FILE = 'server.pid';

/**
 * The shell command that starts the server: it records its pid (the shell `exec`s node,
 * so the pid stays the server's) and never inherits a DATABASE_URL, so that no run of
 * the suite can reach a real database.
 */
export const SERVER_COMMAND = `sh -c 'echo $$ > "$DATA_DIR/${PID_FILE}" && exec env -u DATABASE_URL -u EMBEDDED_PG_DIR node --import tsx server/src/index.ts'`;

/** The Slack credential approval messages are sent with (created by approval-link.spec.ts). */
export const APPROVAL_SLACK_CREDENTIAL = 'e2e-approval-slack';

/** The server's environment (on top of the caller's). */
export function serverEnv(dataDir: string, port: number): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    SEED_HISTORY: 'false',
    SERVE_CLIENT: 'true',
    EXECUTOR: 'true',
    // Live runs in the specs call the server itself (a webhook-started http step).
    OUTBOUND_ALLOW: '127.0.0.1/32',
    LOG_LEVEL: 'warn',
    // Every JSON reply is checked against its route's contract: a drifted reply fails the journey.
    CHECK_RESPONSES: 'true',
    // Approval messages go out through this Slack credential, which approval-link.spec.ts creates
    // pointing at its mock receiver (until then messages fail, audited, and runs go on).
    APPROVAL_NOTIFY_CREDENTIAL: APPROVAL_SLACK_CREDENTIAL,
    APPROVAL_NOTIFY_CHANNEL: '#soc-alerts',
  };
}

/**
 * A fresh, empty data folder. mkdtemp makes it 0700; as root the embedded PostgreSQL runs
 * as the OS user `postgres`, which must be able to enter it.
 */
export function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'autonomic-e2e-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** A port nobody listens on now (asked of the OS in a child process: the config is synchronous). */
export function freePortSync(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const port = Number(out.stdout);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`could not find a free port: ${out.stderr}`);
  return port;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops the server started in `dataDir` (SIGTERM: it closes its database cleanly), waits
 * for it to exit, then removes the folder. Safe to call when it has already stopped.
 */
export async function stopServerAndRemove(dataDir: string, timeoutMs = 20_000): Promise<void> {
  const pidFile = join(dataDir, PID_FILE);
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + timeoutMs;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/** Waits until GET `url` answers 2xx. */
export async function waitForHttp(url: string, timeoutMs: number, exited?: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = exited?.();
    if (why) throw new Error(why);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the server as the e2e config does (for scripts such as the benchmark). */
export async function startServer(): Promise<RunningServer> {
  const dataDir = makeDataDir();
  const port = freePortSync();
  const child: ChildProcess = spawn(SERVER_COMMAND, {
    cwd: REPO_ROOT,
    shell: true,
    env: { ...process.env, ...serverEnv(dataDir, port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exit: string | null = null;
  child.on('exit', (code, signal) => {
    exit = `the server exited early (code ${code}, signal ${signal})`;
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 120_000, () => exit);
  } catch (e) {
    await stopServerAndRemove(dataDir);
    throw e;
  }
  return { url, stop: () => stopServerAndRemove(dataDir) };
}

/** The newest modification time of a file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when client/dist is missing or older than a source it is built from. */
export function clientBuildIsStale(): boolean {
  const index = join(REPO_ROOT, 'client', 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = ['client/src', 'workflow/src'].map((d) => newestMtime(join(REPO_ROOT, d)));
  const files = ['client/index.html', 'client/vite.config.ts', 'client/package.json'].map((f) =>
    existsSync(join(REPO_ROOT, f)) ? statSync(join(REPO_ROOT, f)).mtimeMs : 0,
  );
  return [...sources, ...files].some((t) => t > built);
}
