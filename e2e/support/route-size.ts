/**
 * The JavaScript a route loads before it can draw, from the client build's Vite manifest:
 * the entry's static imports plus the page chunk's (dynamic imports such as ELK are left
 * out), raw and gzipped. Used by the size budget and the editor benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from './server';

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export const DIST = join(REPO_ROOT, 'client', 'dist');

/** Manifest keys of every chunk loaded up front from `keys` (following static imports only). */
export function closure(manifest: Manifest, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const walk = (k: string) => {
    if (seen.has(k)) return;
    const chunk = manifest[k];
    if (!chunk) throw new Error(`the manifest has no chunk ${k}`);
    seen.add(k);
    for (const i of chunk.imports ?? []) walk(i);
  };
  keys.forEach(walk);
  return seen;
}

export interface Measured {
  route: string;
  raw: number;
  gzip: number;
  names: string[];
}

export function measure(manifest: Manifest, route: string, page: string): Measured {
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error('the manifest has no entry');
  if (!manifest[page])
    throw new Error(`route ${route}: the build has no page ${page} (renamed? update client/size-budget.json)`);
  let raw = 0;
  let gzip = 0;
  const names: string[] = [];
  for (const k of closure(manifest, [entry, page])) {
    const chunk = manifest[k];
    if (!chunk?.file.endsWith('.js')) continue;
    const bytes = readFileSync(join(DIST, chunk.file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    names.push(chunk.name ?? k);
  }
  return { route, raw, gzip, names };
}

/** The client build's manifest; throws when the build has none. */
export function readManifest(): Manifest {
  const path = join(DIST, '.vite', 'manifest.json');
  if (!existsSync(path)) throw new Error('client/dist has no manifest; build the client first (npm run build)');
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}
