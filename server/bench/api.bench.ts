/**
 * API benchmark (`npm run bench:api`): signed webhooks through real HTTP (autocannon) to
 * the server built exactly as `npm start` builds it, running in a child process so that
 * load generation and serving are separate processes, as with a real client.
 *   (1) signed webhook → run durably recorded → 202, with this server's executor running
 *       every run in the background (target ≥ 1,000 req/s, p99 < 100 ms, 0 errors, runs
 *       recorded = 2xx answers), and again in an API-only server (EXECUTOR=false: recorded
 *       here, executed elsewhere; target ≥ 2,000 req/s)
 *   (2) signed webhook with ?wait=5000 for a 3-step run (transform, condition, transform):
 *       p99 ≤ 2 × one durable INSERT's p99 (measured in the same run) at 1 connection, ≤ 10 ms at 8
 *   (3) overhead per persisted step on a 400-step transform chain (target ≤ 1 ms)
 *   (4) sustained: 500 signed webhooks/s for 60 s, open loop (BENCH_QUICK: 15 s): 0 errors,
 *       runs recorded = 2xx answers, and once drained every run ended
 * plus the floors: one durable INSERT round trip, one HTTP round trip (/healthz).
 * A scenario that misses its target is repeated with the server's CPU profiler on.
 * Headline figures are recorded as 'api' (../bench/summary/figures.ts) for `npm run bench`.
 *
 * Env: BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_QUICK=1 (3 s / 1 s, fewer chain runs),
 * BENCH_SUSTAINED_SECONDS (60; quick 15), BENCH_SUSTAINED_RATE (500),
 * BENCH_PROFILE=miss|always|never, BENCH_PROFILE_DIR (keep the .cpuprofile files),
 * DATABASE_URL (use that server: a throw-away database is created there and dropped).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/engine';
import { createLogger } from '../src/log';
import { startServerChild, type ServerChild } from './api/child';
import { openBenchDatabase } from './api/database';
import { httpFloor, insertFloor } from './api/floor';
import { postmasterPid } from './api/proc-cpu';
import {
  acceptedScenario,
  chainScenario,
  drain,
  runCounts,
  verdicts,
  waitScenario,
  type Bench,
  type Row,
} from './api/scenarios';
import { chainDoc, seedHooks, threeStepDoc } from './api/seed';
import { apiFigures } from './api/figures';
import { sustainedScenario } from './api/sustained';
import { startFigures } from './summary/figures';

const quick = process.env.BENCH_QUICK === '1';
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 3 : 10));
const warmup = Number(process.env.BENCH_WARMUP ?? (quick ? 1 : 2));
const CHAIN = 400;
const chainRuns = quick ? 5 : 15;
const sustainedSeconds = Number(process.env.BENCH_SUSTAINED_SECONDS ?? (quick ? 15 : 60));
const sustainedRate = Number(process.env.BENCH_SUSTAINED_RATE ?? 500);
const record = startFigures('api');
const keepProfiles = process.env.BENCH_PROFILE_DIR;
const profileDir = keepProfiles ?? join(tmpdir(), `autonomic-bench-api-${process.pid}-profiles`);
mkdirSync(profileDir, { recursive: true });

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const { db, dataDir, close } = await openBenchDatabase();
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
// On Ctrl-C the cluster (same process group) shuts down first: its goodbye must not crash the cleanup.
sql.on('error', () => undefined);
const children: ServerChild[] = [];
const rows: Row[] = [];
const profiles: string[] = [];

let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    if (!keepProfiles) rmSync(profileDir, { recursive: true, force: true });
    for (const c of children) await c.stop();
    await sql.end().catch(() => undefined);
    await close();
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

try {
  const settings = await sql.query<{ v: string; f: string; s: string }>(
    `SELECT split_part(version(), ' ', 2) AS v, current_setting('fsync') AS f, current_setting('synchronous_commit') AS s`,
  );
  const pgInfo = settings.rows[0];
  console.log(
    `bench:api — ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, PostgreSQL ${pgInfo?.v} ` +
      `(${dataDir ? 'embedded' : 'DATABASE_URL'}, fsync ${pgInfo?.f}, synchronous_commit ${pgInfo?.s}); ` +
      `${seconds} s measured after ${warmup} s warm-up; load average ${load()}`,
  );

  const key = randomBytes(32);
  const ctx = {
    config: loadConfig({ SEED_DEMO: 'false' }),
    prisma: db.prisma,
    log: createLogger('warn'),
    clock: systemClock,
  };
  const hooks = await seedHooks(ctx, key, {
    accepted: threeStepDoc,
    'accepted-api-only': threeStepDoc,
    wait: threeStepDoc,
    sustained: threeStepDoc,
    chain: chainDoc(CHAIN),
  });
  const hook = (name: string) => {
    const h = hooks[name];
    if (!h) throw new Error(`not seeded: ${name}`);
    return h;
  };
  const childEnv = (executor: boolean) => ({
    DATABASE_URL: db.url,
    SECRET_KEY: key.toString('base64'),
    DATA_DIR: profileDir,
    LOG_LEVEL: 'warn',
    EXECUTOR: String(executor),
  });

  const floor = await insertFloor(db.url);
  console.log(
    `floor: one durable INSERT round trip through pg: p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms, max ${floor.max.toFixed(1)} ms`,
  );

  const child = await startServerChild(childEnv(true));
  children.push(child);
  const b: Bench = {
    child,
    sql,
    pgPid: postmasterPid(dataDir),
    seconds,
    warmup,
    profileDir,
    profile: process.env.BENCH_PROFILE ?? 'miss',
    profiles,
  };
  const http = await httpFloor(child.url, Math.min(3, seconds));
  console.log(`floor: GET /healthz at 1 connection: p50 ${http.p50.toFixed(2)} ms, p99 ${http.p99.toFixed(2)} ms`);

  console.log('(1) signed webhook → run durably recorded → 202');
  const accepted = [];
  for (const connections of [32, 64]) {
    const label = `202, ${connections} conn, executor running the runs`;
    const a = await acceptedScenario(b, hook('accepted'), connections, label, 1000);
    accepted.push(a);
    rows.push(a.row);
    const t = await drain(sql, hook('accepted').workflowId);
    const counts = await runCounts(sql, hook('accepted').workflowId);
    console.log(
      `      backlog drained ${t} ms after the last answer; ${counts.succeeded} of ${counts.total} runs succeeded so far`,
    );
  }

  console.log('(2) signed webhook, ?wait=5000 for the 3-step run');
  const twice = 2 * floor.p99;
  const wait1 = await waitScenario(b, hook('wait'), 1, twice, `p99 ≤ 2 × INSERT p99 = ${twice.toFixed(2)} ms`);
  const wait8 = await waitScenario(b, hook('wait'), 8, 10);
  rows.push(wait1.row, wait8.row);
  await drain(sql, hook('wait').workflowId); // runs of requests abandoned when the measurement ended
  const v = await verdicts(sql, hook('wait').workflowId);
  console.log(
    `      in the database: ${v.total} runs of this workflow, ${v.succeeded} succeeded, ` +
      `${v.verdicts} with the last step's output "contain 10.0.0.7" stored`,
  );

  console.log(`(3) overhead per persisted step`);
  const chain = await chainScenario(b, hook('chain'), CHAIN, chainRuns);
  rows.push(chain);

  console.log(`(4) sustained: ${sustainedRate} signed webhooks/s for ${sustainedSeconds} s, open loop`);
  const sustained = await sustainedScenario(b, hook('sustained'), sustainedRate, sustainedSeconds);
  rows.push(sustained.row);
  await child.stop();

  console.log('(1b) the same 202 path, API-only server (EXECUTOR=false: recorded here, executed elsewhere)');
  const apiOnly = await startServerChild(childEnv(false));
  children.push(apiOnly);
  const apiOnlyRun = await acceptedScenario(
    { ...b, child: apiOnly },
    hook('accepted-api-only'),
    32,
    '202, 32 conn, API-only',
  );
  rows.push(apiOnlyRun.row);
  await apiOnly.stop();
  record.done(apiFigures({ floor, http, accepted, apiOnly: apiOnlyRun, wait1, wait8, chain, sustained }));

  const width = (k: keyof Row) => Math.max(...rows.map((r) => String(r[k]).length));
  const [ws, wr, wt] = [width('scenario'), width('result'), width('target')];
  console.log(`\nsummary (load average at the end ${load()}; "others": CPU other processes used meanwhile)`);
  for (const r of rows) {
    const verdict = r.pass ? 'PASS' : 'MISS';
    console.log(
      `  ${r.scenario.padEnd(ws)}  ${r.result.padEnd(wr)}  ${r.target.padEnd(wt)}  ${verdict}  others ${r.others}`,
    );
  }
  console.log(
    '  for scale: n8n 1.123 on this machine, same 3-step scenario: 5.6 req/s, p99 235 ms at 1 connection, 1.5 s at 8',
  );
  for (const p of profiles) console.log(`\n${p}`);
} finally {
  await cleanup();
}
