/** Forks the server child and talks to it over IPC (see server-child.ts). */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildReply, ChildRequest } from './server-child';

type Command = ChildRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface ServerChild {
  readonly url: string;
  readonly pid: number;
  call(command: Command): Promise<number | undefined>;
  /** Stops the server (executor grace included) and waits for the process to exit. */
  stop(): Promise<void>;
}

/** Starts the server in a child process with `env` added; resolves once it listens. */
export async function startServerChild(env: Record<string, string>): Promise<ServerChild> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./server-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server child exited (${code}) before listening`)));
    child.once('message', (m: { ready?: string }) => (m.ready ? resolve(m.ready) : reject(new Error('bad hello'))));
  });
  let next = 1;
  const pending = new Map<number, { resolve: (v: number | undefined) => void; reject: (e: Error) => void }>();
  child.on('message', (m: ChildReply) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve(m.value);
  });
  // A child killed under us (Ctrl-C reaches the whole process group) fails its calls, not this process.
  child.on('error', () => undefined);
  child.once('exit', () => {
    for (const p of pending.values()) p.reject(new Error('the server child exited'));
    pending.clear();
  });
  const call = (command: Command) =>
    new Promise<number | undefined>((resolve, reject) => {
      if (!child.connected) return reject(new Error('the server child exited'));
      const id = next++;
      pending.set(id, { resolve, reject });
      child.send({ ...command, id }, (error) => error && reject(error));
    });
  return {
    url,
    pid: child.pid ?? 0,
    call,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) await call({ cmd: 'stop' }).catch(() => undefined);
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
