/**
 * Dashboard aggregates at scale: a fresh embedded database (durable defaults, fsync on),
 * the demo users and example playbooks, then the demo history generator with 100,000
 * runs (step runs and approval tasks in proportion). Each aggregate is called through
 * its service (SQL + Prisma + mapping) once to warm up, then 5 times; the median is
 * compared with the 200 ms target. The CSV export of every run is timed too (no target).
 *
 * Run: npm run bench:dashboard [-- <runs>]
 * BENCH_DATA_DIR=<dir> keeps the cluster there and reuses its history on the next run.
 */
import { promises as fs } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig } from '../src/config';
import type { AppContext } from '../src/context';
import { openDatabase } from '../src/db/database';
import { systemClock } from '../src/engine';
import type { Actor } from '@autonomic/api';
import { TEST_SCRYPT } from '../src/services/auth';
import { createDashboardService } from '../src/services/dashboard';
import { seedHistory } from '../src/seed/history';
import { seedExamplePlaybooks } from '../src/seed/playbooks';
import { seedDemoUsers } from '../src/seed/users';

const RUNS = Number(process.argv[2] ?? 100_000);
const TARGET_MS = 200;
const REPEAT = 5;

const keep = process.env.BENCH_DATA_DIR;
const dataDir = keep ? join(keep, 'pg') : join(tmpdir(), `autonomic-bench-dashboard-${process.pid}`, 'pg');
const db = await openDatabase({ url: '', embedded: { dataDir, stopOnSignals: true } });
const ctx: AppContext = {
  config: loadConfig({ SEED_DEMO: 'false', SEED_HISTORY: 'false', EXECUTOR: 'false' }),
  prisma: db.prisma,
  log: pino({ level: 'silent' }),
  clock: systemClock,
};

const reuse = keep !== undefined && (await db.prisma.run.count({ where: { mode: 'live' } })) >= RUNS;
if (!reuse) {
  await seedDemoUsers(ctx, { scrypt: TEST_SCRYPT });
  const authors = await db.prisma.user.findMany();
  const id = (name: string) => authors.find((u) => u.username === name)?.id ?? '';
  await seedExamplePlaybooks(ctx, { authorId: id('alice'), reviewerIds: [id('bob'), id('carol')], publish: true });
  const seeded = await seedHistory(ctx, { runs: RUNS });
  if (!seeded) throw new Error('nothing seeded: demo users or playbooks missing');
  console.log(
    `seeded ${seeded.runs.toLocaleString('en')} runs, ${seeded.steps.toLocaleString('en')} step runs, ` +
      `${seeded.approvals.toLocaleString('en')} approval tasks in ${(seeded.ms / 1000).toFixed(1)} s`,
  );
}
// Steady state: in a running system autovacuum has long since visited these pages.
for (const table of ['runs', 'step_runs', 'approval_tasks'])
  await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
const users = await db.prisma.user.findMany();
const userId = (name: string) => users.find((u) => u.username === name)?.id ?? '';
const [pg] = await db.prisma.$queryRawUnsafe<{ v: string }[]>("SELECT current_setting('server_version') AS v");
console.log(`PostgreSQL ${pg?.v}, ${process.env.BENCH_DATA_DIR ? `kept in ${keep}` : 'throw-away cluster'}`);

const dashboard = createDashboardService(ctx);
const manager: Actor = { userId: userId('dave'), username: 'dave', role: 'manager', via: 'token' };
const analyst: Actor = { userId: userId('alice'), username: 'alice', role: 'analyst', via: 'token' };
const month = { from: new Date(Date.now() - 30 * 86_400_000).toISOString() };
const containment = (await db.prisma.workflow.findFirst({ where: { slug: 'malicious-ip-containment' } }))?.id;
const oneWorkflow = { ...month, ...(containment ? { workflowId: containment } : {}) };

const cases: [string, () => Promise<unknown>][] = [
  ['runs by status over time (30 d, daily)', () => dashboard.runs(manager, month)],
  ['runs by status over time (7 d, hourly)', () => dashboard.runs(manager, { bucket: 'hour' })],
  ['durations p50/p95 per workflow', () => dashboard.durations(manager, month)],
  ['time to contain p50/p95', () => dashboard.timeToContain(manager, month)],
  ['time saved (series + per workflow)', () => dashboard.timeSaved(manager, month)],
  ['approvals', () => dashboard.approvals(manager, month)],
  ['top failing steps', () => dashboard.failingSteps(manager, { ...month, limit: 10 })],
  ['automation level', () => dashboard.automation(manager, month)],
  ['SLOs (30-day windows, burn)', () => dashboard.slos.list(manager)],
  ['workflow list', () => dashboard.workflows(manager)],
  ['runs over time, analyst scope', () => dashboard.runs(analyst, month)],
  ['time saved, one workflow', () => dashboard.timeSaved(manager, oneWorkflow)],
];

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

const rows: string[] = [];
let misses = 0;
for (const [name, work] of cases) {
  await work();
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) times.push(await timed(work));
  times.sort((a, b) => a - b);
  const median = times[Math.floor(REPEAT / 2)] ?? NaN;
  const pass = median <= TARGET_MS;
  if (!pass) misses++;
  rows.push(
    `| ${name.padEnd(40)} | ${median.toFixed(1).padStart(9)} | ${(times[0] ?? NaN).toFixed(1).padStart(7)} | ` +
      `${(times.at(-1) ?? NaN).toFixed(1).padStart(7)} | ${pass ? 'PASS' : 'MISS'} |`,
  );
}
const [load] = loadavg();
console.log(
  `\n${RUNS.toLocaleString('en')} runs; median of ${REPEAT} after one warm-up; target ≤ ${TARGET_MS} ms; ` +
    `load average ${load?.toFixed(1)} on ${cpus().length} cores\n`,
);
console.log(`| ${'aggregate'.padEnd(40)} | median ms |  min ms |  max ms | ≤${TARGET_MS} |`);
console.log(`|${'-'.repeat(42)}|-----------|---------|---------|------|`);
for (const r of rows) console.log(r);

// The CSV export of every run of the month, read to the end (no socket).
let bytes = 0;
const csvMs = await timed(async () => {
  const csv = await dashboard.csv(manager, { ...month, chart: 'runs' });
  for await (const chunk of csv.chunks) bytes += chunk.byteLength;
});
console.log(`\nCSV export of all runs: ${(bytes / 1e6).toFixed(1)} MB in ${(csvMs / 1000).toFixed(2)} s`);

await db.close();
if (!keep) await fs.rm(join(dataDir, '..'), { recursive: true, force: true });
process.exitCode = misses > 0 ? 1 : 0;
