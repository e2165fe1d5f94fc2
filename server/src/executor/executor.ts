/**
 * The executor: one engine per process over the PostgreSQL run store, driving runs that
 * start here at once and claiming the rest from the work queue (queued runs whose
 * process died, due timers, parents whose sub-runs ended). See queue.ts for the lease
 * model and ../engine/ARCHITECTURE.md for what resume guarantees.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { AppContext } from '../context';
import {
  createEngine,
  RunConflictError,
  type Decision,
  type Engine,
  type EngineLimits,
  type EventSink,
} from '../engine';
import type { RunSummary } from '../engine';
import type { EffectsFactory, SafetySource } from '../services/contracts';
import { RunDocuments } from '../store/runs-documents';
import { createPgPool, pgSql, prismaSql, type Sql } from '../store/runs-sql';
import { PrismaRunStore } from '../store/runs-store';
import { createApprovalsPort } from './approvals-port';
import { routeEffects } from './effects-router';
import { RunEvents } from './events';
import { ClaimLoop } from './loop';
import { Notifications } from './notifications';
import { createPgWorkQueue, type WorkQueue } from './queue';
import { createPublishedResolver } from './resolver';
import { feedEvents, RecentRuns } from './feed';

export interface ExecutorOptions {
  effects: EffectsFactory;
  safety: SafetySource;
  /** With a URL the hot path uses a bare `pg` pool and LISTEN/NOTIFY; without, Prisma and polling. */
  databaseUrl?: string;
  /** @default a random id */
  workerId?: string;
  /** @default 30000 */
  leaseMs?: number;
  /** The longest the claim loop sleeps without being told about work. @default 1000 */
  pollMs?: number;
  /** Runs driven at once by this process. @default 64 */
  concurrency?: number;
  /** How long `stop()` waits for runs in flight before giving them back. @default 10000 */
  stopGraceMs?: number;
  limits?: Partial<EngineLimits>;
  /** More receivers of the engine's events (metrics). */
  sinks?: EventSink[];
}

export interface Executor {
  readonly workerId: string;
  readonly engine: Engine;
  readonly events: RunEvents;
  readonly store: PrismaRunStore;
  readonly queue: WorkQueue;
  readonly documents: RunDocuments;
  readonly sql: Sql;
  readonly leaseMs: number;
  /** True between `start()` and `stop()`: this process claims work and drives new runs itself. */
  readonly claiming: boolean;
  /** Boots: listens for notifications, then claims what is runnable (runs of a dead process included). */
  start(): Promise<void>;
  /** Stops claiming, lets runs in flight finish (up to the grace time), gives the rest back. */
  stop(): Promise<void>;
  /** Drives a run in this process now (one this process leased, e.g. just inserted). */
  run(runId: string): Promise<RunSummary>;
  decide(runId: string, taskId: string, decision: Decision): Promise<RunSummary>;
  cancel(runId: string, reason?: string): Promise<RunSummary>;
  /** Whether a run is being driven here right now. */
  driving(runId: string): boolean;
  /** The summary of a run that ended here or was reported ended lately (by row id). */
  recent(dbRunId: string): RunSummary | undefined;
}

export function createExecutor(ctx: AppContext, options: ExecutorOptions): Executor {
  const workerId = options.workerId ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 30_000;
  const pool: pg.Pool | undefined = options.databaseUrl ? createPgPool(options.databaseUrl) : undefined;
  // An idle connection the server closed (restart, failover) must not crash the process.
  pool?.on('error', (err) => ctx.log.warn({ err }, 'executor: idle database connection lost'));
  const sql = pool ? pgSql(pool) : prismaSql(ctx.prisma);
  const documents = new RunDocuments();
  const events = new RunEvents();
  const recent = new RecentRuns();
  const store = new PrismaRunStore(sql, {
    workerId,
    leaseMs,
    documents,
    onStatus: (c) => {
      events.emit('run', { ...c, runId: c.dbId, local: true });
      recent.note(c.dbId, c);
    },
  });
  const queue = createPgWorkQueue(sql, { leaseMs, now: () => ctx.clock.now() });
  const engine = createEngine({
    store,
    effects: routeEffects(options.effects, (id) => store.workflowOf(id)),
    clock: ctx.clock,
    safety: options.safety.port(),
    approvals: createApprovalsPort(ctx.prisma, () => ctx.clock.now()),
    workflows: createPublishedResolver(sql, documents),
    events: feedEvents(events, (id) => store.workflowOf(id), options.sinks ?? []),
    ...(options.limits ? { limits: options.limits } : {}),
  });

  const active = new Map<string, number>();
  let inflight = 0;
  let claiming = false;
  const settled = new Set<Promise<unknown>>();

  const loop = new ClaimLoop({
    queue,
    workerId,
    clock: ctx.clock,
    log: ctx.log,
    pollMs: options.pollMs ?? 1_000,
    concurrency: options.concurrency ?? 64,
    inflight: () => inflight,
    drive: (id) => void drive(id, () => engine.resume(id)).catch(() => undefined),
  });

  const notifications = options.databaseUrl
    ? new Notifications(options.databaseUrl, ctx.log, (n) => {
        if (n.from === workerId) return;
        if (n.work) loop.soon();
        else if (n.runId && n.status) {
          events.emit('run', { runId: n.runId, status: n.status, local: false });
          recent.noteRemote(n.runId, n.status);
        }
      })
    : undefined;

  /** Every drive goes through here: counted for the claim loop, tracked for `stop()`. */
  function drive(runId: string, work: () => Promise<RunSummary>): Promise<RunSummary> {
    inflight++;
    active.set(runId, (active.get(runId) ?? 0) + 1);
    const p = work().then(
      (summary) => {
        if (summary.status === 'waiting' && summary.wakeAt !== undefined) loop.at(summary.wakeAt);
        return summary;
      },
      async (err: unknown) => {
        const level = err instanceof RunConflictError ? 'debug' : 'warn';
        ctx.log[level]({ err, runId }, 'executor: driving a run stopped; it stays where it was committed');
        await queue.release(workerId, [runId]).catch(() => undefined);
        throw err;
      },
    );
    const tracked: Promise<unknown> = p
      .catch(() => undefined)
      .finally(() => {
        inflight--;
        const n = (active.get(runId) ?? 1) - 1;
        if (n > 0) active.set(runId, n);
        else active.delete(runId);
        settled.delete(tracked);
        loop.freed();
      });
    settled.add(tracked);
    return p;
  }

  /** A refused commit means another process moved the run on: try again on the fresh state. */
  async function retrying(runId: string, work: () => Promise<RunSummary>): Promise<RunSummary> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await drive(runId, work);
      } catch (e) {
        if (!(e instanceof RunConflictError) || attempt >= 3) throw e;
      }
    }
  }

  const renewal = setInterval(
    () => void queue.renew(workerId, store.liveRunIds()).catch(() => undefined),
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  renewal.unref();

  return {
    workerId,
    engine,
    events,
    store,
    queue,
    documents,
    sql,
    leaseMs,
    get claiming() {
      return claiming;
    },
    async start() {
      await notifications?.start();
      claiming = true;
      loop.start();
    },
    async stop() {
      claiming = false;
      loop.stop();
      clearInterval(renewal);
      await notifications?.stop();
      const grace = new Promise((r) => setTimeout(r, options.stopGraceMs ?? 10_000).unref());
      await Promise.race([Promise.all([...settled]), grace]);
      store.close();
      await queue.release(workerId, store.liveRunIds()).catch(() => undefined);
      await pool?.end();
    },
    run: (runId) => drive(runId, () => engine.resume(runId)),
    decide: (runId, taskId, d) => retrying(runId, () => engine.decide(runId, taskId, d)),
    cancel: (runId, reason) => retrying(runId, () => engine.cancel(runId, reason)),
    driving: (runId) => active.has(runId),
    recent: (id) => recent.get(id),
  };
}
