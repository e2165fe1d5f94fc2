/**
 * `npm run bench`: runs every benchmark, one after the other (each in its own child process:
 * `npm run bench:<name>`, its detail printed as it goes), then prints ONE summary table from
 * the figures each recorded through ./figures.ts: figure, result, target, verdict, the floor
 * it is measured against, and for a miss the note saying what bounds it.
 *
 *   npm run bench                    every benchmark
 *   npm run bench -- api dashboard   only these
 *   BENCH_QUICK=1 npm run bench      each benchmark's quick mode
 *
 * The records and the table (summary.md, summary.json) stay in bench-results/<time>/.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/db/embedded';
import { machineLine, type BenchResult } from './figures';
import { renderMarkdown, renderTable, type Outcome } from './table';

/** Every benchmark, cheapest first, with what it measures. */
export const BENCHMARKS = [
  { name: 'engine', what: 'engine per step, for-each fan-out, compile time' },
  { name: 'db', what: 'ways to persist step rows (floor: bare pg INSERT)' },
  { name: 'api', what: 'signed webhooks over HTTP: ingest, synchronous runs, sustained load' },
  { name: 'dashboard', what: 'dashboard aggregates over 100k and 1M runs, CSV export' },
  { name: 'queue', what: 'our runs-table queue side by side with graphile-worker' },
  { name: 'live', what: 'step events to a stream in another process: cost on the hot path, delay' },
  { name: 'scaleout', what: '1, 2 and 4 worker processes on one PostgreSQL' },
  { name: 'editor', what: 'editor load, fitted drag, heap, script size (Chromium)' },
  { name: 'attacks', what: 'crafted expressions: other requests stay fast' },
] as const;

const scripts = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

function runOne(name: string, dir: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', `bench:${name}`], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULTS_DIR: dir },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.on('error', () => resolve(127));
  });
}

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !BENCHMARKS.some((b) => b.name === a));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const chosen = BENCHMARKS.filter((b) => asked.length === 0 || asked.includes(b.name));
  const dir = join(REPO_ROOT, 'bench-results', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const started = new Date().toISOString();
  const outcomes: Outcome[] = [];
  for (const b of chosen) {
    if (!scripts[`bench:${b.name}`]) {
      outcomes.push({ name: b.name, what: b.what, failure: `no npm script bench:${b.name}` });
      continue;
    }
    console.log(`\n━━ bench:${b.name} — ${b.what} (load average ${loadavg()[0]?.toFixed(2)}) ━━`);
    const t0 = performance.now();
    const code = await runOne(b.name, dir);
    const file = join(dir, `${b.name}.json`);
    const result = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult) : undefined;
    const seconds = Math.round((performance.now() - t0) / 1000);
    if (code !== 0 || !result)
      outcomes.push({
        name: b.name,
        what: b.what,
        failure: code !== 0 ? `exited with code ${code} after ${seconds} s` : 'recorded no figures',
        ...(result ? { result } : {}),
      });
    else outcomes.push({ name: b.name, what: b.what, result });
  }
  const header = { machine: machineLine(), started, finished: new Date().toISOString() };
  console.log(`\n${renderTable(header, outcomes)}`);
  writeFileSync(join(dir, 'summary.md'), renderMarkdown(header, outcomes));
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify({ ...header, outcomes }, null, 2)}\n`);
  console.log(`\nrecords and summary.md in ${dir}`);
  const failed = outcomes.some((o) => o.failure);
  if (failed) process.exitCode = 1;
}

await main();
