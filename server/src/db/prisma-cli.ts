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

/** Runs `prisma <args>` with the preload; resolves to its exit code. */
export function runPrismaCli(args: string[], databaseUrl: string | undefined): Promise<number> {
  return new Promise((resolveCode, reject) => {
    const child = spawn(process.execPath, ['--require', UNREF_TIMERS_PRELOAD, PRISMA_CLI, ...args], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), CHECKPOINT_DISABLE: '1' },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolveCode(code ?? (signal ? 1 : 0)));
  });
}
