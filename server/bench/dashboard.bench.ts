/**
 * Dashboard aggregates at scale (issue 18 item 4): a fresh embedded database (durable
 * defaults), the demo users and example playbooks, then a month of runs generated in SQL
 * (bench/dashboard/seed.ts): 100,000, then 1,000,000 (BENCH_QUICK=1: 100,000 only, 3 runs
 * per case). The runs go in as a restore would and are folded into the rollups like the
 * migration's backfill (timed). Each aggregate is called through its service (SQL + Prisma
 * + mapping): one warm-up, then 5 runs, median and p95 (nearest rank), quietly and under
 * load (a child process ending runs through the triggers as fast as one connection goes,
 * plus one spinning a core). Targets: ≤ 200 ms at 100k, ≤ 50 ms at 1M, both conditions;
 * the CSV export of the 100k runs ≤ 2 s.
 *
 * Run: npm run bench:dashboard   (figures: server/bench/summary/figures.ts, name 'dashboard')
 * Keep the cluster for profiling: BENCH_DATA_DIR=/tmp/dash1m npm run bench:dashboard — a later
 * run with the same directory skips the stages already seeded (bench/dashboard/reuse.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig } from '../src/config';
import type { AppContext } from '../src/context';
import { openDatabase } from '../src/db/database';
import { systemClock } from '../src/engine';
import { TEST_SCRYPT } from '../src/services/auth';
import { seedDemoCredentials } from '../src/seed/credentials';
import { seedExamplePlaybooks } from '../src/seed/playbooks';
import { seedDemoUsers } from '../src/seed/users';
import { foldRollups } from '../src/store/dashboard-fold';
import { dashboardCases } from './dashboard/cases';
import { printTimings, timeCases, type Timing } from './dashboard/measure';
import { markSeeded, seededBefore } from './dashboard/reuse';
import { seedRuns } from './dashboard/seed';
import { startFigures, verdictOf, type Figure } from './summary/figures';

const quick = process.env.BENCH_QUICK === '1';
const STAGES = quick ? [100_000] : [100_000, 1_000_000];
const REPEAT = quick ? 3 : 5;
const targetFor = (runs: number) => (runs >= 1_000_000 ? 50 : 200);
const CSV_TARGET_S = 2;
const load1 = () => (loadavg()[0] ?? 0).toFixed(2);

const rec = startFigures('dashboard');
const keptDir = process.env.BENCH_DATA_DIR;
const dataDir = join(keptDir ?? join(tmpdir(), `autonomic-bench-dashboard-${process.pid}`), 'pg');
const db = await openDatabase({ url: '', embedded: { dataDir, stopOnSignals: true } });
const before = await seededBefore(db.prisma);
// A kept cluster is measured at the instant it was seeded (same ranges and edge hours).
const shift = before ? before.at.getTime() - Date.now() : 0;
const ctx: AppContext = {
  config: loadConfig({ SEED_DEMO: 'false', SEED_HISTORY: 'false', EXECUTOR: 'false' }),
  prisma: db.prisma,
  log: pino({ level: 'silent' }),
  clock: { ...systemClock, now: () => Date.now() + shift },
};
const users = async () => db.prisma.user.findMany();
if (!before) {
  await seedDemoUsers(ctx, { scrypt: TEST_SCRYPT });
  const id = (await users()).find((u) => u.username === 'admin')?.id ?? '';
  await seedDemoCredentials(ctx, { adminId: id });
}
const everyone = await users();
const userId = (name: string) => everyone.find((u) => u.username === name)?.id ?? '';
if (!before)
  await seedExamplePlaybooks(ctx, {
    authorId: userId('alice'),
    reviewerIds: [userId('bob'), userId('carol')],
    publish: true,
  });
const [pgv] = await db.prisma.$queryRawUnsafe<{ v: string }[]>("SELECT current_setting('server_version') AS v");
console.log(`PostgreSQL ${pgv?.v}; ${cpus().length} cores; quick=${quick}`);

const { dashboard, manager, month, cases } = await dashboardCases(ctx, userId);

function startLoad(): { children: ChildProcess[]; stop: () => Promise<string> } {
  const script = fileURLToPath(new URL('./dashboard/load.ts', import.meta.url));
  const children = ['writer', 'spin'].map((mode) =>
    spawn(process.execPath, ['--import', 'tsx', script, mode, db.url], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  const outputs = children.map((c) => {
    let text = '';
    c.stdout?.on('data', (d: Buffer) => (text += d.toString()));
    return new Promise<string>((resolve) => c.once('exit', () => resolve(text)));
  });
  return {
    children,
    async stop() {
      for (const c of children) c.kill('SIGTERM');
      const [writer] = await Promise.all(outputs);
      const w = JSON.parse(writer?.trim() || '{"runs":0,"seconds":1}') as { runs: number; seconds: number };
      return `a writer ending ${Math.round(w.runs / w.seconds)} runs/s through the triggers (own transaction each) + a spinning core`;
    },
  };
}

/**
 * What bounds a miss, from EXPLAIN (ANALYZE, BUFFERS) on the kept 1M cluster
 * (bench/dashboard/explain.ts, 2026-12-06): not JavaScript or Prisma (the statements take
 * the service's whole time), but the raw tail: the *_of functions over the ~2,450 runs of the
 * range's two partial edge hours (their id array is a sublink, so they run as function scans,
 * planned alone), a lookup of each run and its steps or tasks; and the hour-grain histogram
 * rows of the two partial days (14k rows, ~15 ms by bitmap heap scan). Fixed on the way: the
 * tasks were hash-joined from a scan of all 146k (approvals_of 210 → 45 ms), the histogram
 * tail computed all three metrics for one (time to contain 80 → 36 ms), the bench's emptied
 * pending list had a million dead rows until vacuumed (up to 340 ms).
 */
const TAIL_NOTE =
  'Bound (EXPLAIN ANALYZE at 1M): the raw tail — the *_of functions over the ~2,450 runs of the two partial ' +
  'edge hours, a lookup per run, computed once per statement (durations and approvals run two statements ' +
  'side by side, each with its tail, on 2 busy cores) — and ~14k hour-grain histogram rows of the partial days. ' +
  'Next: a 5-minute rollup grain so the tail is ≤ 2 × 5 minutes (~200 runs); one tail per request.';

const worst = (rows: Timing[], key: 'median' | 'p95') => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
const figures: Figure[] = [];
function record(runs: number, condition: string, rows: Timing[], loadNote: string): void {
  const target = targetFor(runs);
  const m = worst(rows, 'median');
  const p = worst(rows, 'p95');
  const ok = rows.every((r) => r.median <= target);
  figures.push({
    figure: `dashboard aggregates (12), ${runs.toLocaleString('en')} runs, ${condition}`,
    result: `slowest median ${m.median.toFixed(1)} ms (${m.name}), slowest p95 ${p.p95.toFixed(1)} ms (${p.name}); load ${load1()}`,
    target: `every median ≤ ${target} ms`,
    verdict: verdictOf(ok),
    ...(loadNote ? { floor: loadNote } : {}),
    ...(ok
      ? {}
      : {
          note: `over target: ${rows
            .filter((r) => r.median > target)
            .map((r) => `${r.name} ${r.median.toFixed(0)} ms`)
            .join('; ')}. ${TAIL_NOTE}`,
        }),
  });
}

/** Seeds `count` more runs (stage `stage`), folds them into the rollups (timed) and notes it. */
async function seedStage(total: number, count: number, stage: number): Promise<void> {
  const at = new Date(ctx.clock.now());
  const s = await seedRuns(db.url, count, at, stage);
  console.log(`seeded ${s.runs.toLocaleString('en')} runs in ${s.seconds.toFixed(1)} s (load ${load1()}); folding…`);
  const t0 = performance.now();
  let added = 0;
  for (let n = 1; n > 0; added += n) n = await foldRollups(db.prisma, 100_000);
  const foldS = (performance.now() - t0) / 1000;
  for (const t of [
    'runs',
    'step_runs',
    'approval_tasks',
    'dashboard_rollup_runs',
    'dashboard_rollup_hist',
    'dashboard_rollup_approvals',
    'dashboard_rollup_failures',
    'dashboard_rollup_slo',
    'dashboard_counted_runs',
    // Emptied by the fold: a million dead rows until autovacuum comes (the readers probe it).
    'dashboard_pending_runs',
  ])
    await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE ${t}`);
  await markSeeded(db.prisma, { total, at });
  console.log(
    `\n${total.toLocaleString('en')} runs: seeded ${s.runs.toLocaleString('en')} in ${s.seconds.toFixed(1)} s; ` +
      `folded ${added.toLocaleString('en')} into the rollups in ${foldS.toFixed(1)} s (load ${load1()})`,
  );
  figures.push({
    figure: `rollup backfill of ${s.runs.toLocaleString('en')} ended runs (dashboard_fold)`,
    result: `${foldS.toFixed(1)} s, ${Math.round(added / foldS).toLocaleString('en')} runs/s; load ${load1()}`,
    target: '',
    verdict: 'INFO',
  });
}

let seeded = 0;
for (const [i, total] of STAGES.entries()) {
  if (before && before.total > total) {
    console.log(
      `${total.toLocaleString('en')} runs: skipped (the kept cluster holds ${before.total.toLocaleString('en')})`,
    );
    continue;
  }
  if (before && before.total === total)
    console.log(`\n${total.toLocaleString('en')} runs: kept cluster, seeded before`);
  else await seedStage(total, total - (before?.total ?? seeded), i + 1);
  seeded = total;

  const quiet = await timeCases(cases, REPEAT);
  printTimings(`${total.toLocaleString('en')} runs, quiet (load ${load1()})`, quiet, targetFor(total));
  record(total, 'quiet', quiet, '');

  if (total === 100_000) {
    let bytes = 0;
    const c0 = performance.now();
    const csv = await dashboard.csv(manager, { ...month, chart: 'runs' });
    for await (const chunk of csv.chunks) bytes += chunk.byteLength;
    const csvS = (performance.now() - c0) / 1000;
    console.log(
      `CSV export of all ${total.toLocaleString('en')} runs: ${(bytes / 1e6).toFixed(1)} MB in ${csvS.toFixed(2)} s`,
    );
    figures.push({
      figure: 'CSV export of 100,000 runs (COPY … TO STDOUT, read to the end)',
      result: `${csvS.toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB; load ${load1()}`,
      target: `≤ ${CSV_TARGET_S} s`,
      verdict: verdictOf(csvS <= CSV_TARGET_S),
    });
  }

  const load = startLoad();
  await new Promise((r) => setTimeout(r, 2_000));
  const loaded = await timeCases(cases, REPEAT);
  const loadNote = await load.stop();
  printTimings(
    `${total.toLocaleString('en')} runs, under load: ${loadNote} (load ${load1()})`,
    loaded,
    targetFor(total),
  );
  record(total, 'under load', loaded, loadNote);
}

rec.done(figures);
for (const f of figures) console.log(`${f.verdict.padEnd(4)} ${f.figure}: ${f.result}${f.note ? ` — ${f.note}` : ''}`);
await db.close();
if (!keptDir) await fs.rm(join(dataDir, '..'), { recursive: true, force: true });
