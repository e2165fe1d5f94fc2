/**
 * Summary of a V8 CPU profile (.cpuprofile JSON, as written by `node --cpu-prof` or the
 * inspector's Profiler.stop):
 *   - the top functions by self time;
 *   - busy time by owner: each sample goes to the nearest frame on its stack that belongs
 *     to a package or to our source, so native code and node internals (writev, JSON,
 *     streams) count for whoever called them;
 *   - inclusive time of our own functions (server/src, workflow/src).
 *
 * Also a script: npx tsx server/bench/api/profile.ts <file.cpuprofile> [top=15]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/;

interface Frame {
  /** function and place, for listings */
  key: string;
  /** a package name, a source file of ours, 'node internals' or a (pseudo) name */
  module: string;
  /** a package or our source: takes the time of the native/internal code it calls */
  owner: boolean;
  ours: boolean;
}

function frameOf({ functionName, url, lineNumber }: CpuProfile['nodes'][number]['callFrame']): Frame {
  const name = functionName || '(anonymous)';
  if (!url) return { key: name, module: name.startsWith('(') ? name : 'native code', owner: false, ours: false };
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (path.startsWith('node:')) return { key: `${name}  ${path}`, module: 'node internals', owner: false, ours: false };
  const pkg = PACKAGE.exec(path);
  if (pkg?.[1])
    return { key: `${name}  ${pkg[1]}/${pkg[2]}:${lineNumber + 1}`, module: pkg[1], owner: true, ours: false };
  if (path.startsWith('wasm://'))
    return { key: name, module: 'wasm (Prisma query compiler)', owner: true, ours: false };
  const file = path.startsWith('/') ? relative(ROOT, path) : path;
  return { key: `${name}  ${file}`, module: file, owner: true, ours: /^(server|workflow)\/src\//.test(file) };
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

export function summariseProfile(profile: CpuProfile, top = 15): string {
  const frames = new Map(profile.nodes.map((n) => [n.id, frameOf(n.callFrame)]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const owners = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let idle = 0;
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] ?? 0;
    const us = Math.max(0, deltas[i + 1] ?? 0); // a sample lasts until the next one
    const frame = frames.get(id);
    if (!frame || frame.module === '(idle)') {
      idle += us;
      continue;
    }
    add(self, frame.key, us);
    let owner: string | undefined;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = frames.get(at);
      if (!f) break;
      if (!owner && f.owner) owner = f.module;
      if (f.ours && !seen.has(f.key)) {
        seen.add(f.key);
        add(inclusive, f.key, us);
      }
    }
    add(owners, owner ?? frame.module, us);
  }
  const total = profile.endTime - profile.startTime;
  const line = ([k, us]: [string, number]) =>
    `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`;
  const sorted = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `${(total / 1e6).toFixed(1)} s sampled, the server's thread busy ${((100 * (total - idle)) / total).toFixed(1)} % ` +
      `(percentages below are of the sampled time)`,
    `top ${top} functions by self time:`,
    ...sorted(self, top).map(line),
    'busy time by owner (nearest package or source file on the stack; native code and node internals go to their caller):',
    ...sorted(owners, top).map(line),
    'inclusive time of our functions:',
    ...sorted(inclusive, top).map(line),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [, , file, top] = process.argv;
  if (!file) throw new Error('usage: profile.ts <file.cpuprofile> [top]');
  const profile: CpuProfile = JSON.parse(readFileSync(file, 'utf8'));
  console.log(summariseProfile(profile, Number(top ?? 15)));
}
