/**
 * `npm start` as a process: it becomes ready on a fresh DATA_DIR made by `mktemp -d` (as
 * root: mode 700, which the `postgres` user running the embedded PostgreSQL cannot enter),
 * and every start that fails says why in one line on stderr and exits 1, no stack trace.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** initdb and a first start of PostgreSQL on a busy 2-core machine. */
const START_TIMEOUT = 150_000;
const asRoot = process.getuid?.() === 0;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** What `mktemp -d` makes: a fresh directory, mode 700, owned by whoever runs the tests. */
function mktempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'autonomic-start-'));
  made.push(dir);
  return dir;
}

interface Started {
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): void;
}

function startServer(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, SEED_DEMO: 'false', EXPRESSION_PROCESSES: '1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { stdout: () => out, stderr: () => err, exited, stop: () => child.kill('SIGTERM') };
}

/** Waits until the server says where it listens (or exits): its port, or undefined when it ended first. */
async function listeningPort(s: Started): Promise<number | undefined> {
  let ended = false;
  void s.exited.then(() => (ended = true));
  for (;;) {
    const m = /Autonomic listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(s.stdout());
    if (m) return Number(m[1]);
    if (ended) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Asserts the failed start's whole stderr is one line matching `expected`, and exit code 1. */
async function expectOneLineFailure(s: Started, expected: RegExp): Promise<void> {
  const code = await s.exited;
  const lines = s.stderr().split('\n').filter(Boolean);
  expect(lines, s.stderr()).toHaveLength(1);
  expect(lines[0]).toMatch(/^autonomic: could not start: /);
  expect(lines[0]).toMatch(expected);
  expect(s.stderr()).not.toMatch(/\n\s+at /);
  expect(code).toBe(1);
}

describe('npm start', () => {
  const dataDir = mktempDir();

  it(
    'when DATA_DIR is a fresh `mktemp -d` then the server becomes ready, answers /healthz and stops cleanly',
    async () => {
      const server = startServer({ DATA_DIR: dataDir, PORT: '0' });
      try {
        const port = await listeningPort(server);
        expect(port, server.stderr()).toBeGreaterThan(0);
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status).toBe(200);
      } finally {
        server.stop();
      }
      expect(await server.exited).toBe(0);
      expect(server.stderr()).toBe('');
    },
    START_TIMEOUT,
  );

  it(
    'when the port is taken then one line names it with the fix, exit 1, and the embedded PostgreSQL is stopped',
    async () => {
      const taken: Server = createServer();
      await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
      const address = taken.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      try {
        const server = startServer({ DATA_DIR: dataDir, PORT: String(port) });
        await expectOneLineFailure(server, new RegExp(`127\\.0\\.0\\.1:${port}.*EADDRINUSE.*set PORT`));
      } finally {
        taken.close();
      }
      // PostgreSQL removes its pid file when it shuts down.
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    },
    START_TIMEOUT,
  );

  it('when a setting is malformed (PORT=abc) then one line names it, exit 1', async () => {
    const server = startServer({ DATA_DIR: mktempDir(), PORT: 'abc' });
    await expectOneLineFailure(server, /PORT/);
  });

  // As root only: another user has no `postgres` user to hand the cluster to.
  it.runIf(asRoot)(
    'when an ancestor of DATA_DIR is closed to the postgres user then one line names it with the fix, exit 1',
    async () => {
      const closed = mktempDir();
      const server = startServer({ DATA_DIR: join(closed, 'data'), PORT: '0' });
      await expectOneLineFailure(
        server,
        new RegExp(`cannot enter ${closed} \\(mode 700\\): run \`chmod o\\+x ${closed}\``),
      );
    },
    START_TIMEOUT,
  );
});
