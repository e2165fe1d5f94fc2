/** Tests only: what the crash tests share — a database and an effects log per file, and a run whose worker process is killed mid-way. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, RecordingEffects, runtime } from './support';

export interface CrashWorld {
  readonly db: TestDatabase;
  /** The effects log both processes append to (`start <key>` / `done <key>`). */
  readonly log: string;
}

/** A database and a scratch folder for the effects log, made before the file's tests and removed after. */
export function crashWorld(prefix: string): CrashWorld {
  let db: TestDatabase | undefined;
  let dir = '';
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error('the crash test database is made in beforeAll');
      return db;
    },
    get log() {
      return join(dir, 'effects.log');
    },
  };
}

/** The lines of a log file, none if it is not written yet. */
export const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

/** A worker process from fixtures/ (`node --import tsx <worker> ...args`), its stdout and stderr gathered. */
export function startWorker(worker: string, args: readonly string[]) {
  const fixture = fileURLToPath(new URL(`./fixtures/${worker}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise((r) => child.on('exit', r));
  return { output: () => output, exited, kill: () => child.kill('SIGKILL') };
}

/**
 * Starts `worker` (a file in fixtures/) as its own process, lets it claim a live run of `workflowId`,
 * SIGKILLs it once the effects log holds `killAt(runId)`, then lets a second process finish the run.
 */
export async function killMidRun(
  world: CrashWorld,
  worker: string,
  workflowId: string,
  killAt: (runId: string) => string,
) {
  const { db, log } = world;
  const ctx = testContext(db.prisma);
  const doomed = startWorker(worker, [db.url, log]);
  try {
    await eventually(async () => (doomed.output().includes('ready') ? true : undefined), 60_000);
    // The API process has no executor: the doomed one claims the run from the queue.
    const api = runtime(ctx, db.url, new RecordingEffects());
    const { runId } = await api.starter.startLive({ workflowId, event: {}, trigger: 'webhook' });
    await eventually(async () => (lines(log).includes(killAt(runId)) ? true : undefined), 10_000);
    doomed.kill();
    await doomed.exited;
    await api.executor.stop();

    const survivor = runtime(ctx, db.url, new RecordingEffects({ log }));
    await survivor.executor.start();
    const done = await survivor.starter.waitForRun(runId, 10_000);
    await survivor.executor.stop();
    return { runId, done };
  } finally {
    doomed.kill();
  }
}
