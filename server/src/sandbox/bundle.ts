/**
 * The expression worker as one plain JavaScript file, bundled by esbuild once per process
 * (a few hundred ms) into the OS temp folder. A worker thread then starts in about 0.1 s
 * with no TypeScript loader — under `tsx`, `node --import tsx` and vitest alike — which
 * matters because a worker killed at its deadline is replaced while others wait.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

let built: Promise<string> | undefined;

/** The file URL of the bundled worker (built on first call). */
export function workerBundle(): Promise<string> {
  built ??= buildBundle().catch((e: unknown) => {
    built = undefined;
    throw e;
  });
  return built;
}

async function buildBundle(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild produced no expression sandbox');
  const dir = join(tmpdir(), 'autonomic');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `expression-sandbox-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  await writeFile(file, code);
  return pathToFileURL(file).href;
}
