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
  type Decision,
  type Engine,
  type EngineLimits,
  type EventSink,
  type RunSummary,
} from '../engine';
import type { EffectsFactory, SafetySource } from '../services/contracts';
import { RunDocuments } from '../store/runs-documents';
import { createPgPool, pgSql, prismaSql, type Sql } from '../store/runs-sql';
import { PrismaRunStore } from '../store/runs-store';
import { createApprovalsPort } from './approvals-port';
import { routeEffects } from './effects-router';
import { RunEvents } from './events';
import { Drives } from './drives';
import { ClaimLoop } from './loop';
import { Notifications } from './notifications';
import { createPgWorkQueue, type WorkQueue } from './queue';
import { createPublishedResolver } from './resolver';
import { feedEvents, RecentRuns } from './feed';
import { Broadcaster } from './broadcast';

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
  /** Claiming, and fewer runs in flight than the concurrency: a new run may be driven here at once. */
  hasCapacity(): boolean;
  /** Drives a run in this process now (one this process leased, e.g. just inserted). */
  run(runId: string): Promise<RunSummary>;
  decide(runId: string, taskId: string, decision: Decision): Promise<RunSummary>;
  cancel(runId: string, reason?: string): Promise<RunSummary>;
  /** Tells idle executors (here and elsewhere) that runs were queued for anyone to claim. */
  announceWork(): void;
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
  // Only with LISTEN (a URL) is anyone listening; without, other processes poll.
  const broadcaster = pool ? new Broadcaster(sql, workerId, ctx.log) : undefined;
  const events = new RunEvents();
  const recent = new RecentRuns();
  const store = new PrismaRunStore(sql, {
    workerId,
    leaseMs,
    documents,
    onStatus: (c) => {
      recent.note(c.dbId, c);
      events.emit('run', { ...c, runId: c.dbId, local: true });
      broadcaster?.status(c.dbId, c.status);
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

  let claiming = false;
  const concurrency = options.concurrency ?? 64;
  const drives: Drives = new Drives({
    log: ctx.log,
    waitsUntil: (at) => loop.at(at),
    giveBack: (runId) => queue.release(workerId, [runId]),
    freed: () => loop.freed(),
  });
  const loop = new ClaimLoop({
    queue,
    workerId,
    clock: ctx.clock,
    log: ctx.log,
    pollMs: options.pollMs ?? 1_000,
    concurrency,
    inflight: () => drives.inflight,
    drive: (id) => void drives.drive(id, () => engine.resume(id)).catch(() => undefined),
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

  const renewal = setInterval(
    () => void queue.renew(workerId, store.liveRunIds()).catch(() => undefined),
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  renewal.unref();

  let stopping: Promise<void> | undefined;
  async function shutDown(): Promise<void> {
    claiming = false;
    loop.stop();
    clearInterval(renewal);
    await notifications?.stop();
    await drives.settle(options.stopGraceMs ?? 10_000);
    store.close();
    await queue.release(workerId, store.liveRunIds()).catch(() => undefined);
    await broadcaster?.flush();
    await pool?.end();
  }

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
    stop() {
      stopping ??= shutDown();
      return stopping;
    },
    hasCapacity: () => claiming && drives.inflight < concurrency,
    run: (runId) => drives.drive(runId, () => engine.resume(runId)),
    decide: (runId, taskId, d) => drives.retrying(runId, () => engine.decide(runId, taskId, d)),
    cancel: (runId, reason) => drives.retrying(runId, () => engine.cancel(runId, reason)),
    announceWork: () => (broadcaster ? broadcaster.newWork() : loop.soon()),
    driving: (runId) => drives.has(runId),
    recent: (id) => recent.get(id),
  };
}
