/**
 * Runs the Prisma CLI the way it works on this stack: through prisma.config.ts (engine
 * "js" + our fixed adapter) and with the timer preload of adapter bug 4.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './embedded';

export const PRISMA_CLI = join(
  dirname(createRequire(import.meta.url).resolve('prisma/package.json')),
  'build/index.js',
);
export const UNREF_TIMERS_PRELOAD = join(REPO_ROOT, 'prisma/unref-timers.cjs');

export interface PrismaCliResult {
  code: number;
  /** stdout and stderr, when run with `capture`. */
  output: string;
}

/** Runs `prisma <args>` with the preload, printing its output unless `capture` is set. */
export function runPrismaCli(
  args: string[],
  databaseUrl: string | undefined,
  { capture = false }: { capture?: boolean } = {},
): Promise<PrismaCliResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(process.execPath, ['--require', UNREF_TIMERS_PRELOAD, PRISMA_CLI, ...args], {
      cwd: REPO_ROOT,
      stdio: capture ? 'pipe' : 'inherit',
      env: { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), CHECKPOINT_DISABLE: '1' },
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code, signal) => resolveResult({ code: code ?? (signal ? 1 : 0), output }));
  });
}
