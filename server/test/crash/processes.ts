/**
 * The crash test's moving parts: real server processes (`server/src/index.ts`, as `npm start`
 * runs it), signed webhook deliveries, and the run rows counted in the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { REPO_ROOT } from '../../src/config';
import { signWebhook } from '../../src/services/triggers/signature';

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  exited: Promise<unknown>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `server/src/index.ts`; its output goes to `logFile` too. */
export function startServer(env: Record<string, string>, port: number, logFile: string): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const log = createWriteStream(logFile, { flags: 'a' });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (b: Buffer) => {
      out += b.toString();
      log.write(b);
    });
  }
  const exited = new Promise((resolve) => child.on('exit', resolve));
  void exited.then(() => log.end());
  return { port, child, output: () => out, exited };
}

/** Resolves when `/healthz` answers 200; fails when the process exits first or after `ms`. */
export async function ready(server: ServerProcess, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  let exited = false;
  void server.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the server exited before it was ready:\n${server.output().slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${server.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`the server was not ready in ${ms} ms`);
    await sleep(50);
  }
}

export type Delivery = { ok: true; runId: string } | { ok: false; reason: string };

/** One signed webhook delivery (`x-autonomic-delivery` makes a resend return the first run). */
export async function deliver(port: number, workflowId: string, secret: string, n: number): Promise<Delivery> {
  const body = JSON.stringify({ alert_id: `alert-${n}`, n });
  const ts = String(Math.floor(Date.now() / 1000));
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/hooks/${workflowId}`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-autonomic-timestamp': ts,
        'x-autonomic-signature': `sha256=${signWebhook(secret, ts, body)}`,
        'x-autonomic-delivery': `crash-${n}`,
      },
    });
    const answer = (await res.json()) as { runId?: string };
    return answer.runId && res.status < 300
      ? { ok: true, runId: answer.runId }
      : { ok: false, reason: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

export interface RunCounts {
  /** Run ids found, by status. */
  status: Map<string, string>;
  total: number;
}

/** The runs in the database now, or undefined while it cannot be reached (being restarted). */
export async function countRuns(url: string): Promise<RunCounts | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ id: string; status: string }>(`SELECT id::text, status::text FROM runs`);
    return { status: new Map(rows.map((r) => [r.id, r.status])), total: rows.length };
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const ENDED = new Set(['succeeded', 'failed', 'cancelled']);
