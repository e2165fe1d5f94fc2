import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SimulationResult } from '../../src/engine';
import { runCli } from '../../src/cli/run';

/** Helpers for the CLI tests: run the CLI in process, find the examples, write temporary inputs. */

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const EXAMPLES = join(ROOT, 'examples');
export const CONTAINMENT = join(EXAMPLES, 'malicious-ip-containment');

export const example = (...parts: string[]): string => join(EXAMPLES, ...parts);

/** Example folders with a valid playbook (everything but `broken/`). */
export function exampleFolders(): string[] {
  return readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'broken')
    .map((d) => d.name)
    .sort();
}

export function brokenFiles(): string[] {
  return readdirSync(example('broken'))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** What one CLI invocation printed, line by line, and its exit code. */
export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  // An io line could hold a line break itself; split so "one line" means one line.
  const split = (lines: string[]) => lines.flatMap((l) => l.split('\n'));
  return { code, out: split(out), err: split(err) };
}

/** A `simulate` run's stdout, parsed. */
export function simulation(run: CliRun): SimulationResult {
  return JSON.parse(run.out.join('\n')) as SimulationResult;
}

/** A stack frame as Node prints it. */
export const STACK_FRAME = /^\s+at /m;

/** A temporary folder for inputs the examples do not have; `remove()` in `afterAll`. */
export function tempFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `autonomic-${prefix}-`));
  return {
    dir,
    path: (name: string) => join(dir, name),
    /** Writes text as is, anything else as JSON; returns the path. */
    write(name: string, content: unknown): string {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
