import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkflowDocument } from '../../src/document';
import { migrateToLatest } from '../../src/migrations';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples', import.meta.url));
export const BROKEN_DIR = join(EXAMPLES_DIR, 'broken');

/** Example folders that hold a valid playbook (everything but `broken/`). */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(EXAMPLES_DIR, d.name, 'workflow.json')))
    .map((d) => d.name)
    .sort();
}

export function brokenExampleFiles(): string[] {
  return readdirSync(BROKEN_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function readExample(name: string, file = 'workflow.json'): unknown {
  return readJson(join(EXAMPLES_DIR, name, file));
}

export function hasExampleFile(name: string, file: string): boolean {
  return existsSync(join(EXAMPLES_DIR, name, file));
}

/** An example as today's document: one written in an older format is migrated first (loading = migrate, then parse). */
export function loadExample(name: string): WorkflowDocument {
  const migrated = migrateToLatest(readExample(name));
  if (!migrated.ok) throw new Error(`example ${name} does not migrate: ${JSON.stringify(migrated.problems)}`);
  return WorkflowDocument.parse(migrated.value);
}

/** Sets (or with `undefined`, deletes) the value at a dotted path, creating objects on the way. */
export function setPath(target: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target as Record<string, unknown>;
  for (const k of keys) {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  }
  if (value === undefined) delete node[last];
  else node[last] = value;
}
