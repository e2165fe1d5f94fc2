/**
 * One worker process of the queue benchmark (forked by workers.ts): an executor and no
 * HTTP, on the benchmark's database. QUEUE_KIND=ours runs the real `createExecutor` (claim
 * loop, leases, liveness lock, LISTEN); QUEUE_KIND=graphile runs graphile-worker with the
 * same engine and run store (graphile-engine.ts). It claims nothing until told `go`, and
 * reports to the parent, in batches every 20 ms, when each run starts (the engine's
 * `running`, also on a resume; this process's epoch clock) and when its end is durable
 * (the store's commit returned — the engine announces the end before it commits).
 */
import { openDatabase } from '../../src/db/database';
import { createExecutor } from '../../src/executor';
import type { EngineEvent, RunStatus } from '../../src/engine';
import { allowAll, benchContext, epochMs } from './context';
import { mockEffects } from './effects';
import { createGraphileWorker } from './graphile-engine';

export type WorkerCommand = { cmd: 'go' } | { cmd: 'stop' };
export type WorkerMessage = { ready: true } | { going: true } | { starts: [string, number][]; ends: string[] };

const kind = process.env.QUEUE_KIND;
const url = process.env.QUEUE_DATABASE_URL ?? '';
const concurrency = Number(process.env.QUEUE_CONCURRENCY ?? 64);
const send = (m: WorkerMessage) => process.send?.(m);

let starts: [string, number][] = [];
let ends: string[] = [];
const flush = setInterval(() => {
  if (starts.length === 0 && ends.length === 0) return;
  send({ starts, ends });
  starts = [];
  ends = [];
}, 20);
const events = {
  emit(e: EngineEvent) {
    if (e.type === 'run' && e.status === 'running') starts.push([e.runId, epochMs()]);
  },
};
const committed = (runId: string, status: RunStatus) => {
  if (status === 'succeeded' || status === 'failed' || status === 'cancelled') ends.push(runId);
};

const db = await openDatabase({ url, migrate: false, poolSize: 2 });
function ours() {
  const executor = createExecutor(benchContext(db.prisma), {
    effects: { forWorkflow: () => mockEffects },
    safety: allowAll,
    databaseUrl: url,
    concurrency,
    sinks: [events],
  });
  executor.events.on('run', (e) => e.local && committed(e.runId, e.status));
  return executor;
}
const worker =
  kind === 'graphile'
    ? createGraphileWorker({ databaseUrl: url, concurrency, effects: mockEffects, events, committed })
    : ours();

process.on('message', (m: WorkerCommand) => {
  if (m.cmd === 'go') void worker.start().then(() => send({ going: true }));
  else
    void worker
      .stop()
      .then(() => db.close())
      .finally(() => {
        clearInterval(flush);
        process.exit(0);
      });
});
send({ ready: true });
