/**
 * Scale-out benchmark (`npm run bench:scaleout`, issue 18 item 7): 1, 2 and 4 `npm run worker`
 * processes (the real worker, each EXECUTOR_CONCURRENCY=C) on one PostgreSQL drain runs
 * recorded by an API-only process (this one: the run row INSERTed unleased, work announced by
 * NOTIFY). Every run calls a local mock that answers after 50 ms, STEPS times in a row.
 *   (1) backlog: BACKLOG runs recorded at once, drained; throughput = runs / (first created →
 *       last finished); target throughput(N) ≥ 0.8 × N × throughput(1)
 *   (2) steady feed at half of that throughput: claim latency (run created → claimed and
 *       started, `started_at − created_at`) p50/p99 — the backlog's would only be queue wait
 *   CPU per run (workers, PostgreSQL, this process) from /proc over the backlog phase.
 *   PostgreSQL transactions per run (all processes, pg_stat_database) over the same phase.
 * BENCH_QUICK=1: a smaller backlog and a shorter feed. SCALEOUT_CONCURRENCY: C (default 3).
 * DATABASE_URL: a throw-away database on that server instead of an embedded cluster.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { pino } from 'pino';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/engine';
import { openBenchDatabase } from './api/database';
import { cpuWindow, postmasterPid } from './api/proc-cpu';
import { publishDocument } from './api/seed';
import { startSlowMock } from './scaleout/mock';
import { callsDoc, createRecorder, phaseStats, type PhaseStats } from './scaleout/phase';
import { startWorkers } from './scaleout/workers';
import { startFigures, verdictOf, type Figure } from './summary/figures';

const QUICK = process.env.BENCH_QUICK === '1';
const CONCURRENCY = Number(process.env.SCALEOUT_CONCURRENCY ?? 3);
const BACKLOG = QUICK ? 300 : 1_200;
const FEED_SECONDS = QUICK ? 3 : 8;
const STEPS = 2;
const MOCK_MS = 50;
/** SCALEOUT_SIZES=1 measures one worker only (profiling). */
const SIZES = (process.env.SCALEOUT_SIZES ?? '1,2,4').split(',').map(Number);

const load = () => loadavg()[0]?.toFixed(2) ?? '?';
const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);

interface Measured {
  n: number;
  drain: PhaseStats;
  throughput: number;
  feed: PhaseStats;
  feedRate: number;
  cpu: { workers: number; postgres: number; self: number; busyPct: number };
  /** PostgreSQL transactions per run, every process counted. */
  xacts: number;
  /** Row writes per run by table. */
  writes: string;
  loadAt: string;
}

const rec = startFigures('scaleout');
const bench = await openBenchDatabase();
const { db } = bench;
const mock = await startSlowMock(MOCK_MS);
const ctx = {
  config: loadConfig({ SEED_DEMO: 'false', SEED_HISTORY: 'false' }),
  prisma: db.prisma,
  log: pino({ level: 'warn' }),
  clock: systemClock,
};
const recorder = createRecorder(ctx, db.url);
const owner = await db.prisma.user.create({ data: { username: 'bench', displayName: 'Bench', passwordHash: '-' } });
const doc = callsDoc(STEPS, mock.url);
const query = (sql: string, ...params: unknown[]) => db.prisma.$queryRawUnsafe(sql, ...params);
/** Transactions (committed or rolled back) and row writes per table in the benchmark's database so far, every process. */
async function activity(): Promise<{ xacts: number; writes: Map<string, number> }> {
  // Backends flush their counters at most once a second when idle: let them.
  await new Promise((r) => setTimeout(r, 1_100));
  const [row] = (await query(
    'SELECT (xact_commit + xact_rollback)::float8 AS n FROM pg_stat_database WHERE datname = current_database()',
  )) as { n: number }[];
  const tables = (await query(
    'SELECT relname::text AS name, (n_tup_ins + n_tup_upd + n_tup_del)::float8 AS n FROM pg_stat_user_tables',
  )) as { name: string; n: number }[];
  return { xacts: row?.n ?? NaN, writes: new Map(tables.map((t) => [t.name, t.n])) };
}

/** Row writes per run by table, busiest first: "runs 3.0, step_runs 2.0". */
function writesPerRun(before: Map<string, number>, after: Map<string, number>, runs: number): string {
  return [...after]
    .map(([name, n]) => [name, (n - (before.get(name) ?? 0)) / Math.max(1, runs)] as const)
    .filter(([, n]) => n >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n.toFixed(1)}`)
    .join(', ');
}

const workerEnv = {
  DATABASE_URL: db.url,
  SECRET_KEY: randomBytes(32).toString('base64'),
  EXECUTOR_CONCURRENCY: String(CONCURRENCY),
  OUTBOUND_ALLOW: '127.0.0.1/32',
  EXPRESSION_PROCESSES: '1',
  SEED_DEMO: 'false',
  LOG_LEVEL: 'info',
};

console.log(
  `scale-out: ${SIZES.join(', ')} worker processes × concurrency ${CONCURRENCY}; each run ${STEPS} http steps ` +
    `on a ${MOCK_MS} ms mock; backlog ${BACKLOG} runs, then a ${FEED_SECONDS} s feed at half the throughput` +
    `${QUICK ? ' (quick)' : ''}\n${cpus().length} cores, load average ${load()} at the start`,
);

async function measure(n: number): Promise<Measured> {
  const drainWf = await publishDocument(db.prisma, owner.id, `scaleout-${n}`, doc);
  const feedWf = await publishDocument(db.prisma, owner.id, `scaleout-${n}-feed`, doc);
  const group = await startWorkers(n, workerEnv);
  try {
    const before = await activity();
    const pg = postmasterPid(bench.dataDir);
    const windows = group.workers.map((w, i) => cpuWindow(w.pid, i === 0 ? pg : undefined));
    const loadAt = load();
    await recorder.backlog(drainWf, BACKLOG);
    const drain = await phaseStats(query, drainWf, BACKLOG);
    const splits = windows.map((end) => end());
    const after = await activity();
    const xacts = (after.xacts - before.xacts) / Math.max(1, drain.succeeded);
    const writes = writesPerRun(before.writes, after.writes, drain.succeeded);
    const throughput = (1000 * drain.succeeded) / drain.spanMs;
    const feedRate = Math.max(1, throughput / 2);
    const fed = await recorder.feed(feedWf, feedRate, FEED_SECONDS);
    const feed = await phaseStats(query, feedWf, fed);
    const [first] = splits;
    const per = (ms: number) => ms / Math.max(1, drain.succeeded);
    const cpu = {
      workers: per(splits.reduce((sum, s) => sum + s.serverUserMs + s.serverSysMs, 0)),
      postgres: per(first?.postgresMs ?? NaN),
      self: per(first?.loadMs ?? NaN),
      busyPct: first ? (100 * first.machineMs) / (first.wallMs * cpus().length) : NaN,
    };
    return { n, drain, throughput, feed, feedRate, cpu, xacts, writes, loadAt };
  } finally {
    await group.stop();
  }
}

const results: Measured[] = [];
try {
  for (const n of SIZES) {
    const m = await measure(n);
    results.push(m);
    const ideal = (1000 * n * CONCURRENCY) / m.drain.runMs;
    console.log(
      `  ${n} worker${n > 1 ? 's' : ' '}: ${f1(m.throughput)} runs/s (${m.drain.succeeded} ok, ${m.drain.failed} failed; ` +
        `ideal ${n}×${CONCURRENCY}/run time ${f0(m.drain.runMs)} ms = ${f1(ideal)}/s), claim latency at ${f1(m.feedRate)}/s: ` +
        `p50 ${f1(m.feed.claimP50)} ms, p99 ${f1(m.feed.claimP99)} ms; CPU per run: workers ${m.cpu.workers.toFixed(2)} ms, ` +
        `PostgreSQL ${m.cpu.postgres.toFixed(2)} ms, mock+recorder ${m.cpu.self.toFixed(2)} ms; ${f1(m.xacts)} PostgreSQL transactions per run (row writes per run: ${m.writes}); machine ${f0(m.cpu.busyPct)} % busy; load ${m.loadAt}`,
    );
  }
} finally {
  await recorder.stop();
  await mock.close();
  await bench.close();
}

const [one] = results;
if (!one) throw new Error('no measurement');
const cpuPerRun = one.cpu.workers + one.cpu.postgres + one.cpu.self;
const cores4 = (4 * one.throughput * cpuPerRun) / 1000;
console.log(
  `  why concurrency ${CONCURRENCY}: 4 workers at 4 × ${f1(one.throughput)} runs/s × ${cpuPerRun.toFixed(2)} ms CPU per run ` +
    `(workers, PostgreSQL, mock and recorder) need ≈ ${cores4.toFixed(2)} of ${cpus().length} cores` +
    (cores4 <= 0.8 * cpus().length
      ? ': room is left, so the figure measures the queue, not a saturated CPU'
      : ': that saturates this machine, so 4 workers cannot scale here; lower SCALEOUT_CONCURRENCY'),
);

const line = (m: Measured) =>
  `${f1(m.throughput)} runs/s, claim p50 ${f1(m.feed.claimP50)} / p99 ${f1(m.feed.claimP99)} ms, ` +
  `CPU/run ${(m.cpu.workers + m.cpu.postgres).toFixed(2)} ms`;
const figures: Figure[] = [
  {
    figure: `scale-out: 1 worker × ${CONCURRENCY}, ${STEPS} steps on a ${MOCK_MS} ms mock`,
    result: line(one),
    target: '',
    verdict: 'INFO',
    floor: `ideal ${f1((1000 * CONCURRENCY) / one.drain.runMs)} runs/s (concurrency / run time ${f0(one.drain.runMs)} ms)`,
  },
  ...results.slice(1).map((m): Figure => {
    const factor = m.throughput / one.throughput;
    const ok = factor >= 0.8 * m.n && m.drain.failed === 0;
    return {
      figure: `scale-out: ${m.n} workers × ${CONCURRENCY} vs 1`,
      result: `${line(m)}; ${factor.toFixed(2)}× one worker`,
      target: `≥ ${(0.8 * m.n).toFixed(1)}× (0.8 × ${m.n})`,
      verdict: verdictOf(ok),
      floor: `1 worker: ${f1(one.throughput)} runs/s`,
      ...(ok ? {} : { note: missNote(m) }),
    };
  }),
];
rec.done(figures);

/**
 * What bounded a miss, from what was measured. A worker's CPU profile (SCALEOUT_PROFILE_DIR,
 * 1 worker, 2026-12-06, load 16) put a third of its CPU in socket writes: PostgreSQL
 * statements 1.9 ms per run, the expression sandbox's IPC for the http steps' params
 * 0.8 ms, info log lines 0.9 ms; then undici 0.7 ms and Prisma 0.65 ms.
 */
function missNote(m: Measured): string {
  const said =
    `machine ${f0(m.cpu.busyPct)} % busy (load ${m.loadAt}), run time ${f0(m.drain.runMs)} ms vs ` +
    `${f0(one?.drain.runMs ?? NaN)} ms at 1 worker; per run ${(m.cpu.workers + m.cpu.postgres).toFixed(1)} ms CPU ` +
    `(PostgreSQL ${m.cpu.postgres.toFixed(1)}), ${f1(m.xacts)} transactions`;
  if (m.drain.failed > 0) return `${m.drain.failed} runs failed; ${said}. Next: read the workers' logs.`;
  const profile =
    "a worker's profile: a third of its CPU in socket writes (statements, sandbox IPC for http params, log lines)";
  if (m.cpu.busyPct > 80)
    return `bounded by the 2 cores: ${said}; ${profile}. Next: rerun on a quiet machine; fewer statements per run (issue 18 §3), http params without the sandbox when they hold no expression.`;
  return `${said}; ${profile}. Next: profile a worker (claim loop wake-ups, lease renewals) under this load.`;
}
