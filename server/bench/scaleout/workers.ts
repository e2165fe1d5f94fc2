/**
 * `npm run worker` processes (server/src/worker/main.ts, the real thing) on the benchmark's
 * database: started together, ready when each printed its ready line, stopped by SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../src/config';

export interface Worker {
  pid: number;
  id: string;
}

export interface WorkerGroup {
  workers: Worker[];
  /** SIGTERM to each, then waits for every exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

function startOne(env: Record<string, string>): Promise<{ child: ChildProcess; worker: Worker }> {
  // SCALEOUT_PROFILE_DIR: each worker writes a CPU profile there when it stops.
  const dir = process.env.SCALEOUT_PROFILE_DIR;
  const profile = dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/src/worker/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let said = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`a worker exited (${code}) before it was ready:\n${said.slice(-2000)}`)),
    );
    child.stderr?.on('data', (b: Buffer) => (said += b.toString()));
    // Read every line (a full pipe would stall the worker), keep only the ready line.
    let partial = '';
    child.stdout?.on('data', (b: Buffer) => {
      const lines = (partial + b.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes(' ready: ')) {
          if (line.includes('"level":50') || line.includes('"level":60')) said += `${line}\n`;
          continue;
        }
        const { workerId } = JSON.parse(line) as { workerId: string };
        child.removeAllListeners('exit');
        resolve({ child, worker: { pid: child.pid ?? 0, id: workerId } });
      }
    });
  });
}

/** Starts `n` workers with `env` added; resolves when all are ready. */
export async function startWorkers(n: number, env: Record<string, string>): Promise<WorkerGroup> {
  const settled = await Promise.allSettled(Array.from({ length: n }, () => startOne(env)));
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = () =>
    Promise.all(
      started.map(({ child }) => {
        if (child.exitCode !== null) return Promise.resolve();
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        return exited.finally(() => clearTimeout(timer));
      }),
    ).then(() => undefined);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { workers: started.map((s) => s.worker), stop };
}
