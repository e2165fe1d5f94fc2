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
  type EngineLimits,
  type EventSink,
  type ExpressionEvaluator,
  type RunSummary,
} from '../engine';
import type { EffectsFactory, SafetySource } from '../services/contracts';
import { RunDocuments } from '../store/runs-documents';
import { createPgPool, pgSql, prismaSql } from '../store/runs-sql';
import { PrismaRunStore } from '../store/runs-store';
import { createApprovalsPort, type ApprovalPortHooks } from './approvals-port';
import { routeEffects } from './effects-router';
import { RunEvents } from './events';
import { Drives } from './drives';
import { ClaimLoop } from './loop';
import { Notifications } from './notifications';
import { createPgWorkQueue } from './queue';
import { readRunSummary } from '../store/runs-status';
import { createPublishedResolver, findStartable, type StartableWorkflow } from './resolver';
import { createIngestBatcher } from './ingest';
import { startRun, type NewRun, type StartOutcome } from './start';
import { waitForRun } from './wait';
import { feedEvents, RecentRuns } from './feed';
import { Broadcaster } from './broadcast';
import { Liveness } from './liveness';
import { ringOnCommit } from './commit-bell';
import { readRunChanges } from '../store/run-changes';

export interface ExecutorOptions {
  effects: EffectsFactory;
  safety: SafetySource;
  /** With a URL the hot path uses a bare `pg` pool and LISTEN/NOTIFY; without, Prisma and polling. */
  databaseUrl?: string;
  /** @default a random id */
  workerId?: string;
  /**
   * How long a run stays leased without a heartbeat (renewed every `leaseMs / 3`). Only the
   * fallback: a dead executor is noticed through its liveness lock at once (`livenessMs`).
   * @default 10000
   */
  leaseMs?: number;
  /**
   * How often this executor looks for executors that died (their liveness lock is free) and
   * frees their runs; it also does at `start()`. Needs `databaseUrl`. @default 1000
   */
  livenessMs?: number;
  /** The longest the claim loop sleeps without being told about work. @default 1000 */
  pollMs?: number;
  /** Runs driven at once by this process. @default 64 */
  concurrency?: number;
  /** How long `stop()` waits for runs in flight before giving them back. @default 10000 */
  stopGraceMs?: number;
  limits?: Partial<EngineLimits>;
  /** Where expressions run: the server's sandbox pool. @default in this thread */
  expressions?: ExpressionEvaluator;
  /** More receivers of the engine's events (metrics). */
  sinks?: EventSink[];
  /** Told when approval tasks open, escalate and close (approval notifications). */
  approvalHooks?: ApprovalPortHooks;
  /** What a live run's event is kept for replay as (redacted), written with the run; undefined keeps nothing. */
  replayEvent?: (event: unknown) => unknown;
}

/**
 * The process's executor as services see it: start a run, wait for one, decide, cancel.
 * Its engine, store, queue and SQL client stay inside.
 */
export interface Executor {
  /** Live feed of run and step changes (SSE, metrics). */
  readonly events: RunEvents;
  /** Statements this executor's hot path has sent so far (benchmarks count round trips with it). */
  readonly statements: number;
  /** Boots: listens for notifications, then claims what is runnable (runs of a dead process included). */
  start(): Promise<void>;
  /** Stops claiming, lets runs in flight finish (up to the grace time), gives the rest back. */
  stop(): Promise<void>;
  /**
   * A workflow by id or slug with its published version's document (parsed once per
   * process). One query; nothing when the workflow does not exist.
   */
  findStartable(ref: string): Promise<StartableWorkflow | undefined>;
  /**
   * Records a live run durably as `queued` in ONE INSERT, then drives it in this process at
   * once when it has capacity (the run is leased to it in that INSERT; nothing is loaded
   * back), else announces it to whichever executor claims it. Resolves once the run is
   * recorded, not when it ends.
   */
  startRun(run: NewRun): Promise<StartOutcome>;
  /** The run's summary once it ends, or its current one when `timeoutMs` passes first (404 when unknown). */
  waitForRun(runId: string, timeoutMs: number): Promise<RunSummary>;
  decide(runId: string, taskId: string, decision: Decision): Promise<RunSummary>;
  cancel(runId: string, reason?: string): Promise<RunSummary>;
}

export function createExecutor(ctx: AppContext, options: ExecutorOptions): Executor {
  const workerId = options.workerId ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 10_000;
  const pool: pg.Pool | undefined = options.databaseUrl ? createPgPool(options.databaseUrl) : undefined;
  // An idle connection the server closed (restart, failover) must not crash the process.
  pool?.on('error', (err) => ctx.log.warn({ err }, 'executor: idle database connection lost'));
  const sql = pool ? pgSql(pool) : prismaSql(ctx.prisma);
  const documents = new RunDocuments();
  // Only with LISTEN (a URL) is anyone listening; without, other processes poll.
  const broadcaster = pool ? new Broadcaster(sql, workerId, ctx.log) : undefined;
  const events = new RunEvents({
    read: (runId, after) => readRunChanges(sql, runId, after),
    listen: () => notifications?.listen() ?? Promise.resolve(),
    warn: (err) => ctx.log.warn({ err }, 'live run stream: reading the run failed (it reads again at its next poll)'),
  });
  const recent = new RecentRuns();
  const ingest = createIngestBatcher(sql);
  const store = new PrismaRunStore(sql, {
    workerId,
    leaseMs,
    documents,
    insertFirst: (row) => ingest.insert(row),
    onStatus: (c) => {
      recent.note(c.dbId, c);
      events.emit('run', { ...c, runId: c.dbId, local: true });
      broadcaster?.status(c.dbId, c.status);
    },
  });
  const queue = createPgWorkQueue(sql, { leaseMs, now: () => ctx.clock.now() });
  const engine = createEngine({
    store: ringOnCommit(store, (dbId) => {
      events.emit('changed', dbId);
      broadcaster?.changed(dbId);
    }),
    effects: routeEffects(options.effects, (id) => store.workflowOf(id)),
    clock: ctx.clock,
    safety: options.safety.port(),
    approvals: createApprovalsPort(
      ctx.prisma,
      () => ctx.clock.now(),
      options.approvalHooks,
      (err) => ctx.log.warn({ err }, 'executor: an approval hook failed'),
    ),
    workflows: createPublishedResolver(sql, documents),
    events: feedEvents(events, (id) => store.workflowOf(id), options.sinks ?? []),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.expressions ? { expressions: options.expressions } : {}),
  });

  let claiming = false;
  const concurrency = options.concurrency ?? 64;
  const drives: Drives = new Drives({
    log: ctx.log,
    waitsUntil: (at) => loop.at(at),
    giveBack: (runId, err) => {
      if (!store.holds(runId)) return queue.release(workerId, [runId]);
      store.dropHeld(runId, err); // never recorded: nothing to give back
      return Promise.resolve();
    },
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
    ? new Notifications(
        options.databaseUrl,
        ctx.log,
        (n) => {
          if (n.from === workerId) return;
          if (n.work) loop.soon();
          if (n.runId && n.status) {
            events.emit('run', { runId: n.runId, status: n.status, local: false });
            recent.noteRemote(n.runId, n.status);
          }
          if (n.runId && n.changed) events.emit('changed', n.runId);
        },
        () => events.emit('resync'),
      )
    : undefined;

  // Every executor with a URL holds its liveness lock before it leases anything (claims,
  // starts, decisions), and looks for peers that died. Without a URL (one process on Prisma)
  // there is no session to hold it on: leases alone, so do not mix the two on one database.
  const liveness = options.databaseUrl ? new Liveness(options.databaseUrl, workerId, ctx.log) : undefined;
  const alive = async () => {
    await liveness?.hold();
  };
  async function reclaimDead(): Promise<void> {
    const dead = await queue.reclaim(workerId);
    for (const d of dead)
      ctx.log.warn(d, 'executor: a process died (its liveness lock is free); its runs are claimable');
    if (dead.length > 0) loop.soon();
  }
  let sweep: NodeJS.Timeout | undefined;

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
    clearInterval(sweep);
    await notifications?.stop();
    await drives.settle(options.stopGraceMs ?? 10_000);
    store.close();
    await queue.release(workerId, store.liveRunIds()).catch(() => undefined);
    await broadcaster?.flush();
    await liveness?.stop();
    await pool?.end();
  }

  const hasCapacity = () => claiming && drives.inflight < concurrency;
  const announceWork = () => (broadcaster ? broadcaster.newWork() : loop.soon());
  const starting = {
    sql,
    ingest,
    maxDestructive: new Map<string, number | null>(),
    store,
    workerId,
    leaseMs,
    now: () => ctx.clock.now(),
    hasCapacity,
    drive: (id: string) => void drives.drive(id, () => engine.resume(id)).catch(() => undefined),
    announceWork,
    replayEvent: options.replayEvent,
  };
  const waiting = {
    events,
    recent: (id: string) => recent.get(id),
    driving: (id: string) => drives.has(id),
    read: (id: string) => readRunSummary(sql, id),
  };

  return {
    events,
    get statements() {
      return sql.statements;
    },
    async start() {
      await notifications?.listen();
      await alive();
      if (liveness) {
        await reclaimDead();
        sweep = setInterval(
          () => void reclaimDead().catch((err: unknown) => ctx.log.warn({ err }, 'executor: reclaiming failed')),
          options.livenessMs ?? 1_000,
        );
        sweep.unref();
      }
      claiming = true;
      loop.start();
    },
    stop() {
      stopping ??= shutDown();
      return stopping;
    },
    findStartable: (ref) => findStartable(sql, documents, ref),
    startRun: (run) => startRun(starting, run),
    waitForRun: (runId, timeoutMs) => waitForRun(waiting, runId, timeoutMs),
    // A decision drives the run here (leased to this process): hold the liveness lock first.
    decide: (runId, taskId, d) => alive().then(() => drives.retrying(runId, () => engine.decide(runId, taskId, d))),
    cancel: (runId, reason) => alive().then(() => drives.retrying(runId, () => engine.cancel(runId, reason))),
  };
}
