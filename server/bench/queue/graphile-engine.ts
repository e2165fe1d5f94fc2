/**
 * The graphile-worker side's executor: the same engine over the same run store
 * (PrismaRunStore on a bare `pg` pool, the same SQL as ours), driven by a graphile task
 * `resume_run` whose payload names the run. Nothing of our queue runs here: no claim loop,
 * no lease renewal, no liveness lock (the store's commits still write the lease columns,
 * which nobody reads on this side).
 */
import { randomBytes } from 'node:crypto';
import { Logger, run, type Runner } from 'graphile-worker';
import { createEngine, systemClock, type EffectsPort, type EventSink, type RunStatus } from '../../src/engine';
import { createPublishedResolver } from '../../src/executor/resolver';
import { RunDocuments } from '../../src/store/runs-documents';
import { createPgPool, pgSql } from '../../src/store/runs-sql';
import { PrismaRunStore } from '../../src/store/runs-store';

export interface GraphileWorkerOptions {
  databaseUrl: string;
  concurrency: number;
  effects: EffectsPort;
  /** The engine's events (a run starts: `running`). */
  events: EventSink;
  /** A run's status change is durable (its commit returned). */
  committed: (runId: string, status: RunStatus) => void;
  /** @default 16 — graphile's own pool (get_job, complete_job); the run store has another 8 like ours. */
  maxPoolSize?: number;
}

export interface GraphileWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createGraphileWorker(o: GraphileWorkerOptions): GraphileWorker {
  const pool = createPgPool(o.databaseUrl);
  const sql = pgSql(pool);
  const documents = new RunDocuments();
  const workerId = `graphile-${process.pid}-${randomBytes(4).toString('hex')}`;
  const store = new PrismaRunStore(sql, { workerId, documents, onStatus: (c) => o.committed(c.dbId, c.status) });
  const engine = createEngine({
    store,
    effects: o.effects,
    clock: systemClock,
    workflows: createPublishedResolver(sql, documents),
    events: o.events,
  });
  let runner: Runner | undefined;
  return {
    async start() {
      runner = await run({
        connectionString: o.databaseUrl,
        concurrency: o.concurrency,
        maxPoolSize: o.maxPoolSize ?? 16,
        noHandleSignals: true,
        logger: quietLogger,
        taskList: {
          async resume_run(payload) {
            const runId = runIdOf(payload);
            const summary = await engine.resume(runId);
            // A throw makes graphile retry the job later (its backoff), as a failed claim would.
            if (summary.status === 'queued' || summary.status === 'running')
              throw new Error(`run ${runId} stopped ${summary.status}`);
          },
        },
      });
    },
    async stop() {
      await runner?.stop();
      store.close();
      await pool.end();
    },
  };
}

function runIdOf(payload: unknown): string {
  if (payload && typeof payload === 'object' && 'runId' in payload && typeof payload.runId === 'string')
    return payload.runId;
  throw new Error('resume_run: the payload names no run');
}

/** graphile-worker logs every job at info level; a benchmark keeps its warnings and errors. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.error(`graphile-worker ${level}: ${message}`);
});
