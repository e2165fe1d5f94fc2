/**
 * The five scenarios, run the same way for either queue. The parent process records runs
 * (an API-only process); workers are child processes (workers.ts) that claim and execute
 * them. Every scenario starts on an empty runs table.
 */
import type { AppContext } from '../../src/context';
import { cpuWindow } from '../api/proc-cpu';
import { probeClaim } from './claim-probe';
import type { Ingest, QueueKind } from './ingest';
import { callers, load1, pct, perSecond, poll, steady } from './load';
import type { Mock } from './mock';
import type { BenchWorkflows } from './workflows';
import { Reports, startWorker, startWorkers } from './workers';

export interface Sizes {
  throughputRuns: number;
  latencySeconds: number;
  floodRuns: number;
  fairRuns: number;
  backlogRuns: number;
  takeoverRuns: number;
  /** How long a killed worker's runs may take to be resumed before they count as stuck. */
  takeoverBoundMs: number;
}

export interface QueueBench {
  kind: QueueKind;
  url: string;
  prisma: AppContext['prisma'];
  ingest: Ingest;
  wf: BenchWorkflows;
  mock: Mock;
  sizes: Sizes;
  /** The embedded cluster's postmaster, for PostgreSQL's CPU (undefined with DATABASE_URL). */
  pgPid: number | undefined;
}

const CALLERS = 32;
const LATENCY_RATE = 50;
const FAIR_RATE = 10;
/** Each worker's concurrency where steps wait on the mock (scale-out, takeover). */
export const MOCK_CONCURRENCY = 8;
const ENDED = `('succeeded', 'failed', 'cancelled')`;

async function reset(b: QueueBench, reports: Reports): Promise<void> {
  await b.prisma.$executeRawUnsafe('TRUNCATE runs CASCADE');
  if (b.kind === 'graphile') await b.prisma.$executeRawUnsafe('DELETE FROM graphile_worker._private_jobs');
  await b.prisma.$executeRawUnsafe('VACUUM ANALYZE runs');
  reports.clear();
}

async function succeeded(b: QueueBench): Promise<number> {
  const [row] = await b.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM runs WHERE status = 'succeeded'`,
  );
  return row?.n ?? 0;
}

/** Transactions committed in the database so far (statistics lag up to a second: wait first). */
async function commits(b: QueueBench): Promise<number> {
  await new Promise((r) => setTimeout(r, 1_100));
  const [row] = await b.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT xact_commit::float8 AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return row?.n ?? NaN;
}

const latencies = (reports: Reports, recorded: { runId: string; at: number }[]) =>
  recorded.map((r) => (reports.firstStart(r.runId) ?? NaN) - r.at).filter((x) => Number.isFinite(x));

/** (1) and (2) on one worker of concurrency 64: throughput, claim latency. */
export async function oneWorker(b: QueueBench) {
  const reports = new Reports();
  const worker = await startWorker(b.kind, b.url, 64, reports);
  await worker.go();
  try {
    await reset(b, reports);
    const n = b.sizes.throughputRuns;
    const commits0 = await commits(b);
    const cpu = cpuWindow(worker.pid, b.pgPid);
    const t0 = performance.now();
    const recordMs = await callers(CALLERS, n, () => b.ingest.record(b.wf.pure));
    const allEnded = await reports.until(() => reports.ended.size >= n, 120_000);
    const executeMs = performance.now() - t0;
    const c = cpu();
    const per = (ms: number) => ms / n;
    const throughput = {
      recorded: perSecond(n, recordMs),
      executed: allEnded ? perSecond(n, executeMs) : 0,
      succeeded: await succeeded(b),
      runs: n,
      cpuPerRun: { worker: per(c.serverUserMs + c.serverSysMs), postgres: per(c.postgresMs), ingest: per(c.loadMs) },
      commitsPerRun: ((await commits(b)) - commits0) / n,
      load: load1(),
    };

    await reset(b, reports);
    const total = LATENCY_RATE * b.sizes.latencySeconds;
    const rec = await steady(LATENCY_RATE, total, () => b.ingest.record(b.wf.pure));
    await reports.until(() => reports.ended.size >= total, 60_000);
    const lat = latencies(reports, rec);
    const latency = { p50: pct(lat, 0.5), p99: pct(lat, 0.99), runs: lat.length, load: load1() };

    return { throughput, latency };
  } finally {
    await worker.stop();
  }
}

/**
 * (3) Fairness: workflow A's flood is recorded (32 callers) before the worker starts, so
 * both queues face the same backlog whatever their ingest speed; then one worker ×64
 * drains it while workflow B sends runs at 10/s. B's latency as in (2).
 */
export async function fairness(b: QueueBench) {
  const reports = new Reports();
  await reset(b, reports);
  const flood = b.sizes.floodRuns;
  const fair = b.sizes.fairRuns;
  await callers(CALLERS, flood, () => b.ingest.record(b.wf.pure));
  const claim = b.kind === 'ours' ? await probeClaim(b.url, flood) : undefined;
  const worker = await startWorker(b.kind, b.url, 64, reports);
  try {
    const f0 = performance.now();
    const [, bRuns] = await Promise.all([worker.go(), steady(FAIR_RATE, fair, () => b.ingest.record(b.wf.pureB))]);
    await reports.until(() => reports.ended.size >= flood + fair, 120_000);
    const drainMs = performance.now() - f0;
    const bLat = latencies(reports, bRuns);
    return { p50: pct(bLat, 0.5), p99: pct(bLat, 0.99), flood, fair, drainMs, claim, load: load1() };
  } finally {
    await worker.stop();
  }
}

/** (4) A backlog of mock-step runs drained by 1, 2 and 4 worker processes of concurrency 8. */
export async function scaleOut(b: QueueBench) {
  const out: { workers: number; perSecond: number; load: string }[] = [];
  const reports = new Reports();
  for (const count of [1, 2, 4]) {
    await reset(b, reports);
    const n = b.sizes.backlogRuns;
    await callers(CALLERS, n, () => b.ingest.record(b.wf.mock));
    const workers = await startWorkers(b.kind, b.url, MOCK_CONCURRENCY, count, reports);
    try {
      const t0 = performance.now();
      await Promise.all(workers.map((w) => w.go()));
      const ok = await reports.until(() => reports.ended.size >= n, 120_000);
      out.push({ workers: count, perSecond: ok ? perSecond(n, performance.now() - t0) : 0, load: load1() });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  }
  return out;
}

/**
 * (5) Two workers drain a backlog of mock-step runs; when a quarter have ended one is
 * killed (SIGKILL) with runs in flight. Measures when the other resumes those runs, runs
 * not finished by the bound (lost or stuck), and effects the mock saw twice.
 */
export async function takeover(b: QueueBench) {
  const reports = new Reports();
  await reset(b, reports);
  const n = b.sizes.takeoverRuns;
  await callers(CALLERS, n, () => b.ingest.record(b.wf.mock));
  const claim = b.kind === 'ours' ? await probeClaim(b.url, n) : undefined;
  const [victim, survivor] = await startWorkers(b.kind, b.url, MOCK_CONCURRENCY, 2, reports);
  if (!victim || !survivor) throw new Error('two workers were asked for');
  try {
    b.mock.reset();
    await Promise.all([victim.go(), survivor.go()]);
    await reports.until(() => reports.ended.size >= n / 4 && victim.inFlight.size >= MOCK_CONCURRENCY / 2, 60_000);
    const inFlight = [...victim.inFlight];
    victim.kill();
    const killedAt = performance.timeOrigin + performance.now();
    const resumedAt = (id: string) => reports.starts.get(id)?.get(survivor.pid);
    // A run the victim finished in its last 20 ms (not yet reported) needs no takeover.
    const open = async () => {
      const waiting = inFlight.filter((id) => resumedAt(id) === undefined);
      if (waiting.length === 0) return 0;
      const [row] = await b.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM runs WHERE id = ANY($1::uuid[]) AND status NOT IN ${ENDED}`,
        waiting,
      );
      return row?.n ?? 0;
    };
    const allResumed = await poll(async () => (await open()) === 0, b.sizes.takeoverBoundMs, 50);
    const resumed = inFlight.map(resumedAt).filter((t): t is number => t !== undefined);
    await poll(async () => (await succeeded(b)) >= n, allResumed ? 60_000 : 1_000, 100);
    const done = await succeeded(b);
    return {
      inFlight: inFlight.length,
      firstMs: resumed.length > 0 ? Math.min(...resumed) - killedAt : undefined,
      allMs: allResumed && resumed.length > 0 ? Math.max(...resumed) - killedAt : undefined,
      boundMs: b.sizes.takeoverBoundMs,
      notFinished: n - done,
      repeated: b.mock.repeated(),
      claim,
      load: load1(),
    };
  } finally {
    victim.kill();
    await survivor.stop();
  }
}

export type OneWorkerResult = Awaited<ReturnType<typeof oneWorker>>;
export type FairnessResult = Awaited<ReturnType<typeof fairness>>;
export type ScaleResult = Awaited<ReturnType<typeof scaleOut>>;
export type TakeoverResult = Awaited<ReturnType<typeof takeover>>;
