/**
 * Live run streams across processes (`npm run bench:live`; `BENCH_QUICK=1` for a short
 * run): what following runs costs, on a throw-away embedded PostgreSQL (fsync on), in one
 * Node process holding two executors, each with its own pool and LISTEN connection: a
 * driver (runs every run) and an API-only one (never started, as with EXECUTOR=false).
 *   (1) the hot path when nobody watches: 32 callers startLive, the driver runs them;
 *       runs/s to the last run's end, statements per run, NOTIFY lines per run by kind
 *   (2) the same with EVERY run followed by a stream of the API-only executor (worst
 *       case): the same figures, follower reads per run, and the delay from the run's
 *       end in the driver to the end frame in the follower (p50/p99)
 *   (3) one follower read (store/run-changes.ts): a 3-step run and a 400-step run, from
 *       the start and from the last cursor (nothing new)
 */
import { promises as fs } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { WorkflowDocument } from '@autonomic/workflow';
import { pino } from 'pino';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { systemClock, TERMINAL, type EffectsPort } from '../src/engine';
import { createExecutor, type Executor, type RunEvent } from '../src/executor';
import type { ChangeSource } from '../src/executor/events';
import { RunFollower, type Followed } from '../src/executor/run-follow';
import { createRunStarter } from '../src/services/runs';
import { NOTIFY_CHANNEL } from '../src/store/runs-commit';
import { readRunChanges } from '../src/store/run-changes';
import { createPgPool, pgSql } from '../src/store/runs-sql';
import { chainDoc, publishDocument, threeStepDoc } from './api/seed';
import { startFigures, type Figure } from './summary/figures';

const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 1_600 : 8_000;
const CALLERS = 32;
const record = startFigures('live');
const load = () => loadavg()[0]?.toFixed(2) ?? '?';

const dataDir = join(tmpdir(), `autonomic-bench-live-${process.pid}`, 'pg');
const db = await openDatabase({ url: '', embedded: { dataDir, stopOnSignals: true }, poolSize: 4 });
const { prisma } = db;
const ctx = {
  config: loadConfig({ SEED_DEMO: 'false', SEED_HISTORY: 'false' }),
  prisma,
  log: pino({ level: 'warn' }),
  clock: systemClock,
};
const effects: EffectsPort = { perform: async () => ({ ok: true, output: { done: true } }) };
const executorOf = (concurrency: number) =>
  createExecutor(ctx, {
    effects: { forWorkflow: () => effects },
    safety: {
      port: () => ({ check: async () => ({ decision: 'allow' }) }),
      list: async () => ({ protected: [], autoOk: [] }),
    },
    databaseUrl: db.url,
    concurrency,
  });
const driver = executorOf(256);
await driver.start();
const starter = createRunStarter(ctx, driver);
const api: Executor = executorOf(64);
const changes = api.events.changes;
if (!changes) throw new Error('the executor has no change source');
const source: ChangeSource = changes;

const owner = await prisma.user.create({ data: { username: 'bench', displayName: 'Bench', passwordHash: '-' } });
const threeId = await publishDocument(prisma, owner.id, 'three', threeStepDoc);
/** start → lookup (POST) → contain (POST) → verdict (transform): an effect commits before it is performed. */
const effectDoc = WorkflowDocument.parse({
  formatVersion: 3,
  metadata: { name: 'bench-effects' },
  trigger: { id: 'start', type: 'trigger.webhook', params: {}, transitions: { out: ['lookup'] } },
  steps: {
    lookup: {
      type: 'http',
      params: { method: 'POST', url: 'https://intel.example/ip' },
      transitions: { out: ['contain'] },
    },
    contain: {
      type: 'http',
      params: { method: 'POST', url: 'https://fw.example/block' },
      transitions: { out: ['verdict'] },
    },
    verdict: { type: 'transform', params: { expression: '"contained"' }, transitions: {} },
  },
});
const effectId = await publishDocument(prisma, owner.id, 'effects', effectDoc);

// Every NOTIFY on the channel, counted by line kind.
const listener = new pg.Client({ connectionString: db.url });
await listener.connect();
const notices = { statements: 0, status: 0, changed: 0, work: 0 };
listener.on('notification', (m) => {
  notices.statements++;
  for (const line of (m.payload ?? '').split('\n')) {
    const what = line.split(' ')[2];
    if (what === 'c') notices.changed++;
    else if (what === 'work') notices.work++;
    else if (what) notices.status++;
  }
});
await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const ms = (v: number) => `${v.toFixed(2)} ms`;

interface Pass {
  runsPerSecond: number;
  statementsPerRun: number;
  notifiesPerRun: number;
  linesPerRun: { status: number; changed: number };
  readsPerRun: number;
  endDelay: number[];
}

/** `RUNS` runs by 32 callers; with `follow`, each one followed from the API-only executor until its end frame. */
async function pass(workflowId: string, follow: boolean): Promise<Pass> {
  await new Promise((r) => setTimeout(r, 100)); // the previous pass's last NOTIFY
  const s0 = driver.statements;
  const r0 = api.statements;
  const n0 = { ...notices };
  const endedAt = new Map<string, number>();
  const onRun = (e: RunEvent) => {
    if (e.local && TERMINAL.has(e.status)) endedAt.set(e.runId, performance.now());
  };
  driver.events.on('run', onRun);
  const ends: Promise<number>[] = [];
  const ids: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      for (let i = 0; i < RUNS / CALLERS; i++) {
        const { runId } = await starter.startLive({ workflowId, event: { src_ip: '10.0.0.1' }, trigger: 'webhook' });
        ids.push(runId);
        if (!follow) continue;
        ends.push(
          new Promise<number>((resolve) => {
            const f = new RunFollower(runId, api.events, source, (x: Followed) => {
              if (x.kind === 'run' && TERMINAL.has(x.run.status)) {
                f.stop();
                resolve(performance.now() - (endedAt.get(runId) ?? performance.now()));
              }
            });
            void f.start();
          }),
        );
      }
    }),
  );
  for (const id of ids) await starter.waitForRun(id, 120_000);
  const seconds = (performance.now() - t0) / 1000;
  const endDelay = await Promise.all(ends);
  driver.events.off('run', onRun);
  await new Promise((r) => setTimeout(r, 100));
  return {
    runsPerSecond: RUNS / seconds,
    statementsPerRun: (driver.statements - s0) / RUNS,
    notifiesPerRun: (notices.statements - n0.statements) / RUNS,
    linesPerRun: { status: (notices.status - n0.status) / RUNS, changed: (notices.changed - n0.changed) / RUNS },
    readsPerRun: (api.statements - r0) / RUNS,
    endDelay,
  };
}

const describe = (p: Pass) =>
  `${Math.round(p.runsPerSecond)} runs/s, ${p.statementsPerRun.toFixed(2)} statements/run ` +
  `(NOTIFY ${p.notifiesPerRun.toFixed(3)}/run; lines/run: status ${p.linesPerRun.status.toFixed(2)}, commit ${p.linesPerRun.changed.toFixed(2)})` +
  (p.endDelay.length
    ? `, ${p.readsPerRun.toFixed(2)} follower reads/run, end seen in the other process p50 ${ms(pct(p.endDelay, 0.5))} p99 ${ms(pct(p.endDelay, 0.99))}`
    : '');

console.log(`live streams: ${RUNS} runs per pass, ${CALLERS} callers${QUICK ? ' (quick)' : ''}; load ${load()}`);
await pass(threeId, false); // warm-up
const figures: Figure[] = [];
for (const [name, id] of [
  ['3 pure steps', threeId],
  ['2 effects + 1 pure step', effectId],
] as const) {
  const alone = await pass(id, false);
  console.log(`(1) ${name}, nobody watching: ${describe(alone)}; load ${load()}`);
  const watched = await pass(id, true);
  console.log(`(2) ${name}, every run followed from the API process: ${describe(watched)}; load ${load()}`);
  figures.push(
    {
      figure: `live streams: hot path, ${name}, nobody watching (32 callers, executor in process)`,
      result: `${Math.round(alone.runsPerSecond)} runs/s, ${alone.statementsPerRun.toFixed(2)} statements/run, ${alone.linesPerRun.changed.toFixed(2)} commit lines/run`,
      target: '',
      verdict: 'INFO',
    },
    {
      figure: `live streams: every run followed from another process, ${name}`,
      result: `${Math.round(watched.runsPerSecond)} runs/s, ${watched.readsPerRun.toFixed(2)} reads/run, end frame p99 ${ms(pct(watched.endDelay, 0.99))} after the run ended`,
      target: '',
      verdict: 'INFO',
    },
  );
}

// (3) One read of a run's changes.
const reader = createPgPool(db.url, 2);
const sql = pgSql(reader);
const chainId = await publishDocument(prisma, owner.id, 'chain', chainDoc(400));
for (const [name, workflowId] of [
  ['3-step run', threeId],
  ['400-step run', chainId],
] as const) {
  const { runId } = await starter.startLive({ workflowId, event: { src_ip: '10.0.0.1', n: 0 }, trigger: 'webhook' });
  await starter.waitForRun(runId, 60_000);
  const all = await readRunChanges(sql, runId);
  const last = all?.attempts.at(-1)?.cursor;
  const time = async (after: typeof last) => {
    const lat: number[] = [];
    for (let i = 0; i < (QUICK ? 50 : 200); i++) {
      const t = performance.now();
      await readRunChanges(sql, runId, after);
      lat.push(performance.now() - t);
    }
    return lat;
  };
  const from0 = await time(undefined);
  const fromLast = await time(last);
  console.log(
    `(3) read of a ${name} (${all?.attempts.length} attempts): from the start p50 ${ms(pct(from0, 0.5))} p99 ${ms(pct(from0, 0.99))}, ` +
      `from its last cursor p50 ${ms(pct(fromLast, 0.5))} p99 ${ms(pct(fromLast, 0.99))}; load ${load()}`,
  );
  figures.push({
    figure: `live streams: one follower read, ${name}`,
    result: `all ${all?.attempts.length} attempts p50 ${ms(pct(from0, 0.5))}; nothing new p50 ${ms(pct(fromLast, 0.5))}`,
    target: '',
    verdict: 'INFO',
  });
}

record.done(figures);
await reader.end();
await listener.end();
await api.stop();
await driver.stop();
await db.close();
await fs.rm(join(dataDir, '..'), { recursive: true, force: true });
