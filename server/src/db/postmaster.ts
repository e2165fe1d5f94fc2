/**
 * What may already run on an embedded data directory: a cluster another live process
 * started or shares (we share it too), or one whose starter and sharers all died without
 * stopping it (SIGKILL, OOM: PostgreSQL lives on, re-parented), which we stop so that this
 * process can own the directory again.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const OWNER_FILE = 'autonomic-owner.pid';

export type ExistingPostmaster =
  | { kind: 'none' }
  | { kind: 'shared'; pid: number; port: number }
  | { kind: 'orphan'; pid: number; port: number; owners: number[] };

/**
 * Whether `pid` is a running process. A zombie is not: a postmaster whose parent died is
 * re-parented to PID 1, which may take a second or more to reap it once it has exited
 * (measured here: 1.2 s), and waiting for that would delay every restart after a crash.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if (!(error instanceof Error && 'code' in error && error.code === 'EPERM')) return false;
  }
  return !zombie(pid);
}

/** Linux: the state field of /proc/<pid>/stat (after the command name in parentheses). */
function zombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    // Gone meanwhile, or no /proc (not Linux): the signal said it exists.
    return false;
  }
}

async function readPid(path: string): Promise<string[] | undefined> {
  const text = await fs.readFile(path, 'utf8').catch(() => undefined);
  return text?.split('\n');
}

/** Records this process as the one that started the cluster in `dataDir`. */
export async function recordOwner(dataDir: string): Promise<void> {
  await fs.writeFile(join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

/**
 * Records this process as sharing the cluster in `dataDir`: while it lives the cluster is
 * not an orphan, even when its starter died (a restarted starter must not stop it under us).
 */
export async function recordSharer(dataDir: string): Promise<void> {
  await fs.appendFile(join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

export async function existingPostmaster(dataDir: string): Promise<ExistingPostmaster> {
  // postmaster.pid: line 1 the pid, line 4 the port (PostgreSQL's documented layout).
  const lines = await readPid(join(dataDir, 'postmaster.pid'));
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  // A stale file of a dead postmaster is PostgreSQL's to clean up on start.
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !alive(pid)) return { kind: 'none' };
  const owners = ((await readPid(join(dataDir, OWNER_FILE))) ?? [])
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  // Without an owner record we cannot tell, so we share rather than stop it.
  const orphan = owners.length > 0 && owners.every((owner) => owner !== process.pid && !alive(owner));
  return orphan ? { kind: 'orphan', pid, port, owners } : { kind: 'shared', pid, port };
}

/** Fast shutdown (SIGINT) of a postmaster; immediate shutdown (SIGQUIT) after `timeoutMs`. */
export async function stopPostmaster(pid: number, timeoutMs = 10_000): Promise<void> {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGQUIT');
    await sleep(25);
  }
}
