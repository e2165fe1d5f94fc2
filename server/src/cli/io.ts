import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { jsonDepthExceededAt, LIMITS } from '@autonomic/workflow';
import { CliError, oneLine } from './errors';

/** Larger inputs are refused before they are read: a playbook is kilobytes, not gigabytes. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

/** Reads a text file, turning every I/O failure into a one-line CliError. */
export async function readText(path: string, what: string): Promise<string> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(`${what} ${path}: not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      `${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}`,
    );
  }
  if (size > MAX_INPUT_BYTES)
    throw new CliError(`${what} ${path}: ${size} bytes is over the ${MAX_INPUT_BYTES}-byte limit`);
  return readFile(path, 'utf8');
}

/**
 * Reads and parses a JSON file (for events, fixtures and safety lists). Nesting is
 * bounded like a workflow's: the engine copies and hashes these values recursively, so
 * a 10,000-deep event would end in a stack overflow instead of a message.
 */
export async function readJson(path: string, what: string): Promise<unknown> {
  const text = await readText(path, what);
  if (jsonDepthExceededAt(text, LIMITS.maxDepth) >= 0) {
    throw new CliError(`${what} ${path}: nested deeper than ${LIMITS.maxDepth} levels`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`${what} ${path}: not valid JSON (${oneLine(e instanceof Error ? e.message : String(e))})`);
  }
}

/** Reads a JSON file and parses it with a schema; an invalid one is reported with the field at fault. */
export async function readWith<T>(path: string, what: string, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(path, what));
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const at = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw new CliError(`${what} ${path}: ${first?.message ?? 'invalid'}${at}`);
}
