/**
 * Persisted-run benchmark (`npx tsx server/bench/api-persist.bench.ts`): the run store,
 * starter and executor on a throw-away embedded PostgreSQL with durable settings (fsync
 * on, synchronous_commit on), in process (no HTTP, no HMAC: what bench:api adds on top).
 *   (1) overhead per persisted step on a 400-step transform chain (target ≤ 1 ms)
 *   (2) startLive + waitForRun of a 3-step run (transform, condition, transform):
 *       p99 at 1 and at 8 concurrent callers (targets ≤ 3 ms / ≤ 10 ms)
 *   (3) startLive alone (the run durably recorded, what a webhook's 202 waits for):
 *       throughput and p99 at 32 concurrent callers (target ≥ 2,000/s, p99 < 100 ms),
 *       in an API-only process (runs executed elsewhere) and with this process's
 *       executor running every run at the same time on the same 2 cores
 * Round trips: statements the executor's pool sent per run.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WorkflowDocument } from '@autonomic/workflow';
import { pino } from 'pino';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { createEngine, MemoryRunStore, systemClock, type EffectsPort } from '../src/engine';
import { createExecutor } from '../src/executor';
import { createRunStarter } from '../src/services/runs';
import { chainDoc, publishDocument, threeStepDoc } from './api/seed';

const dataDir = join(tmpdir(), `autonomic-bench-persist-${process.pid}`, 'pg');
const db = await openDatabase({ url: '', embedded: { dataDir, stopOnSignals: true }, poolSize: 4 });
const { prisma } = db;
const ctx = {
  config: loadConfig({ SEED_DEMO: 'false', SEED_HISTORY: 'false' }),
  prisma,
  log: pino({ level: 'warn' }),
  clock: systemClock,
};
const effects: EffectsPort = { perform: async () => ({ ok: true, output: {} }) };
const executor = createExecutor(ctx, {
  effects: { forWorkflow: () => effects },
  safety: {
    port: () => ({ check: async () => ({ decision: 'allow' }) }),
    list: async () => ({ protected: [], autoOk: [] }),
  },
  databaseUrl: db.url,
  concurrency: 256,
});
await executor.start();
const starter = createRunStarter(ctx, executor);

const owner = await prisma.user.create({ data: { username: 'bench', displayName: 'Bench', passwordHash: '-' } });
const publish = (slug: string, d: WorkflowDocument) => publishDocument(prisma, owner.id, slug, d);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const stats = { commits: async () => executor.statements, end: async () => undefined };

async function startAndWait(workflowId: string, event: unknown): Promise<string> {
  const { runId } = await starter.startLive({ workflowId, event, trigger: 'webhook' });
  const s = await starter.waitForRun(runId, 60_000);
  if (s.status !== 'succeeded') throw new Error(`run ${runId} ${s.status}: ${JSON.stringify(s.error)}`);
  return runId;
}

async function callers(n: number, each: number, work: () => Promise<unknown>): Promise<{ lat: number[]; ms: number }> {
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let i = 0; i < each; i++) {
        const t = performance.now();
        await work();
        lat.push(performance.now() - t);
      }
    }),
  );
  return { lat, ms: performance.now() - t0 };
}

console.log(
  `PostgreSQL ${(await prisma.$queryRaw<{ v: string }[]>`SELECT version() AS v`)[0]?.v.split(' ')[1]}, fsync on`,
);

// (1) 400-step chain: persisted vs the same engine on the memory store.
const CHAIN = 400;
const chainId = await publish('chain', chainDoc(CHAIN));
const memory = createEngine({ store: new MemoryRunStore(), effects });
const chain = chainDoc(CHAIN);
for (let i = 0; i < 3; i++) await memory.start(chain, { n: 0 });
await startAndWait(chainId, { n: 0 });
const mem: number[] = [];
const per: number[] = [];
for (let i = 0; i < 10; i++) {
  let t = performance.now();
  await memory.start(chain, { n: 0 });
  mem.push(performance.now() - t);
  t = performance.now();
  await startAndWait(chainId, { n: 0 });
  per.push(performance.now() - t);
}
const c0 = await stats.commits();
await startAndWait(chainId, { n: 0 });
const chainTx = (await stats.commits()) - c0;
const overhead = (pct(per, 0.5) - pct(mem, 0.5)) / CHAIN;
console.log(
  `(1) 400-step chain: persisted median ${fmt(pct(per, 0.5))}, memory store ${fmt(pct(mem, 0.5))} → ` +
    `overhead ${(overhead * 1000).toFixed(0)} µs per persisted step (target ≤ 1 ms); ~${chainTx} statements per run`,
);

// (2) start + wait, 3-step run.
const threeId = await publish('three', threeStepDoc);
await callers(4, 200, () => startAndWait(threeId, { src_ip: '10.0.0.1' }));
const c1 = await stats.commits();
const one = await callers(1, 2000, () => startAndWait(threeId, { src_ip: '10.0.0.1' }));
const threeTx = ((await stats.commits()) - c1) / 2000;
console.log(
  `(2) start+wait 3 steps, 1 caller:  p50 ${fmt(pct(one.lat, 0.5))} p99 ${fmt(pct(one.lat, 0.99))} ` +
    `(${Math.round(2000 / (one.ms / 1000))}/s, ${threeTx.toFixed(2)} statements per run; target p99 ≤ 3 ms)`,
);
const eight = await callers(8, 400, () => startAndWait(threeId, { src_ip: '10.0.0.1' }));
console.log(
  `    start+wait 3 steps, 8 callers: p50 ${fmt(pct(eight.lat, 0.5))} p99 ${fmt(pct(eight.lat, 0.99))} ` +
    `(${Math.round(3200 / (eight.ms / 1000))}/s; target p99 ≤ 10 ms)`,
);

// (3) startLive alone: the run durably recorded as queued.
const drain = async () => {
  const t = performance.now();
  while ((await prisma.run.count({ where: { status: { not: 'succeeded' } } })) > 0)
    await new Promise((r) => setTimeout(r, 50));
  return performance.now() - t;
};
const apiOnly = createExecutor(ctx, {
  effects: { forWorkflow: () => effects },
  safety: {
    port: () => ({ check: async () => ({ decision: 'allow' }) }),
    list: async () => ({ protected: [], autoOk: [] }),
  },
  databaseUrl: db.url,
});
const apiStarter = createRunStarter(ctx, apiOnly);
await executor.stop();
const rec0 = await callers(32, 250, () =>
  apiStarter.startLive({ workflowId: threeId, event: { src_ip: '10.0.0.1' }, trigger: 'webhook' }),
);
console.log(
  `(3) startLive, 32 callers, API-only process: ${Math.round(8000 / (rec0.ms / 1000))} runs/s recorded, ` +
    `p50 ${fmt(pct(rec0.lat, 0.5))} p99 ${fmt(pct(rec0.lat, 0.99))} (target ≥ 2,000/s, p99 < 100 ms, before HTTP and HMAC)`,
);
const worker = createExecutor(ctx, {
  effects: { forWorkflow: () => effects },
  safety: {
    port: () => ({ check: async () => ({ decision: 'allow' }) }),
    list: async () => ({ protected: [], autoOk: [] }),
  },
  databaseUrl: db.url,
  concurrency: 64,
});
const t8k = performance.now();
await worker.start();
await drain();
console.log(`    an executor started then claimed and ran those 8,000 queued runs in ${fmt(performance.now() - t8k)}`);
const workerStarter = createRunStarter(ctx, worker);
const rec = await callers(32, 250, () =>
  workerStarter.startLive({ workflowId: threeId, event: { src_ip: '10.0.0.1' }, trigger: 'webhook' }),
);
console.log(
  `    startLive, 32 callers, executor in the same process running them: ${Math.round(8000 / (rec.ms / 1000))} runs/s, ` +
    `p50 ${fmt(pct(rec.lat, 0.5))} p99 ${fmt(pct(rec.lat, 0.99))}; all finished ${fmt(await drain())} after the last start`,
);
await worker.stop();
await apiOnly.stop();

await stats.end();
await db.close();
await fs.rm(join(dataDir, '..'), { recursive: true, force: true });
