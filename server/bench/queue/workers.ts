/**
 * The parent's side of the worker processes: forks worker-child.ts, and keeps what every
 * worker reported — when each run started (per worker: a resumed run starts again
 * elsewhere) and which runs ended — so that scenarios can wait on conditions.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { QueueKind } from './ingest';
import type { WorkerCommand, WorkerMessage } from './worker-child';

export interface Worker {
  readonly pid: number;
  /** Runs that started in this worker (first start here, epoch ms) and have not ended. */
  readonly inFlight: Set<string>;
  /** Starts claiming. */
  go(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL, no goodbye. */
  kill(): void;
}

/** What all workers reported: run id → first start (epoch ms) per worker pid, and ends. */
export class Reports {
  readonly starts = new Map<string, Map<number, number>>();
  readonly ended = new Set<string>();
  private waiters: (() => void)[] = [];

  note(pid: number, m: { starts: [string, number][]; ends: string[] }, inFlight: Set<string>): void {
    for (const [runId, at] of m.starts) {
      const byWorker = this.starts.get(runId) ?? new Map<number, number>();
      if (!byWorker.has(pid)) byWorker.set(pid, at);
      this.starts.set(runId, byWorker);
      inFlight.add(runId);
    }
    for (const runId of m.ends) {
      this.ended.add(runId);
      inFlight.delete(runId);
    }
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves true when `done()` holds (checked on every report), false after `timeoutMs`. */
  async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return true;
  }

  /** The first start of `runId` anywhere (epoch ms). */
  firstStart(runId: string): number | undefined {
    const byWorker = this.starts.get(runId);
    return byWorker ? Math.min(...byWorker.values()) : undefined;
  }

  clear(): void {
    this.starts.clear();
    this.ended.clear();
  }
}

const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

export async function startWorker(
  kind: QueueKind,
  databaseUrl: string,
  concurrency: number,
  reports: Reports,
): Promise<Worker> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, QUEUE_KIND: kind, QUEUE_DATABASE_URL: databaseUrl, QUEUE_CONCURRENCY: String(concurrency) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inFlight = new Set<string>();
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let going: (() => void) | undefined;
  child.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a ${kind} worker exited (${code}) before it was ready`)));
    child.on('message', (m: WorkerMessage) => {
      if ('ready' in m) resolve();
      else if ('going' in m) going?.();
      else reports.note(pid, m, inFlight);
    });
  });
  const tell = (c: WorkerCommand) => child.connected && child.send(c);
  return {
    pid,
    inFlight,
    go: () =>
      new Promise<void>((resolve) => {
        going = resolve;
        tell({ cmd: 'go' });
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      tell({ cmd: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** Starts `n` workers at once (they boot in parallel). */
export const startWorkers = (kind: QueueKind, url: string, concurrency: number, n: number, reports: Reports) =>
  Promise.all(Array.from({ length: n }, () => startWorker(kind, url, concurrency, reports)));
