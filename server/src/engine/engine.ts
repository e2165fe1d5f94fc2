import type { WorkflowDocument } from '@autonomic/workflow';
import { systemClock, systemRandom } from './clocks';
import { Deadlines } from './deadlines';
import { DEFAULT_LIMITS, type EngineEnv, type EngineLimits, type StepStubs } from './env';
import { EngineError } from './errors';
import { DEFAULT_EXPRESSION_LIMITS, Expressions, type ExpressionEvaluator, type ExpressionLimits } from './expressions';
import type {
  ApprovalsPort,
  Clock,
  EffectsPort,
  EventSink,
  Random,
  RunStore,
  SafetyPort,
  WorkflowResolver,
} from './ports';
import type { Decision } from './decisions';
import { RunSession, type SessionHooks } from './session';
import { TERMINAL, type RunMemo, type RunRecord, type RunState, type RunSummary, type Token } from './state';

export interface EngineOptions {
  store: RunStore;
  effects: EffectsPort;
  /** @default the system clock */
  clock?: Clock;
  /** @default Math.random */
  random?: Random;
  /** Without one every destructive target is allowed (simulation passes a list). */
  safety?: SafetyPort;
  approvals?: ApprovalsPort;
  workflows?: WorkflowResolver;
  events?: EventSink;
  limits?: Partial<EngineLimits>;
  expressionLimits?: Partial<ExpressionLimits>;
  /**
   * Where expressions run. @default in this thread (`Expressions`, with `expressionLimits`);
   * the server passes its sandbox pool so no expression can block the event loop.
   */
  expressions?: ExpressionEvaluator;
  stubs?: StepStubs;
  /** How a batched commit is put off until the current burst of work is done. @default setImmediate */
  defer?: (fn: () => void) => void;
}

export interface StartOptions {
  /** @default a random id from the Random port */
  runId?: string;
  /** This run's blast radius (overrides the engine's `maxDestructivePerRun`). */
  maxDestructive?: number;
  /** A re-run from a failed step: the steps already done (`memoOf` the failed run), not performed again. */
  memo?: RunMemo;
}

/**
 * The engine's API. Every call returns when the run can go no further for now:
 * ended, or `waiting` (for a timer at `wakeAt`, a person, a child run).
 */
export interface Engine {
  /** Persists a new run as `queued` without running it; `resume` runs it. */
  create(doc: WorkflowDocument, event: unknown, opts?: StartOptions): Promise<string>;
  /** Persists a new run (before its first step runs) and drives it. */
  start(doc: WorkflowDocument, event: unknown, opts?: StartOptions): Promise<RunSummary>;
  /** Continues a run from the store: after a crash, at `wakeAt`, or just to look. */
  resume(runId: string): Promise<RunSummary>;
  /** Records a decision on an approval task (`${runId}:${stepKey}`) and continues the run. */
  decide(runId: string, taskId: string, decision: Decision): Promise<RunSummary>;
  /** Cancels a run: in-flight effects are aborted, open tasks closed, child runs cancelled. */
  cancel(runId: string, reason?: string): Promise<RunSummary>;
  /** Resumes the waiting runs whose `wakeAt` has come (what a scheduler calls). */
  wakeDue(limit?: number): Promise<RunSummary[]>;
}

export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const env: EngineEnv = {
    store: options.store,
    effects: options.effects,
    clock,
    random,
    expressions:
      options.expressions ??
      new Expressions({ ...DEFAULT_EXPRESSION_LIMITS, ...options.expressionLimits }, () => clock.now()),
    deadlines: new Deadlines(clock),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    defer: options.defer ?? ((fn) => void setImmediate(fn)),
    ...(options.safety ? { safety: options.safety } : {}),
    ...(options.approvals ? { approvals: options.approvals } : {}),
    ...(options.workflows ? { workflows: options.workflows } : {}),
    ...(options.events ? { events: options.events } : {}),
    ...(options.stubs ? { stubs: options.stubs } : {}),
  };
  const sessions = new Map<string, RunSession>();
  const loading = new Map<string, Promise<RunSession>>();

  const track = (s: RunSession): RunSession => {
    sessions.set(s.run.id, s);
    const forget = () => {
      if (sessions.get(s.run.id) === s) sessions.delete(s.run.id);
    };
    s.done.then(forget, forget);
    return s;
  };

  /** The live session of a run, or a fresh one loaded from the store (one at a time per run). */
  const open = async (runId: string): Promise<RunSession> => {
    for (;;) {
      const live = sessions.get(runId);
      if (live && !live.closed) return live;
      if (live) {
        await live.done.catch(() => undefined);
        if (sessions.get(runId) === live) sessions.delete(runId);
        continue;
      }
      const pending = loading.get(runId);
      if (pending) {
        await pending.catch(() => undefined);
        continue;
      }
      const p = env.store.load(runId).then((stored) => {
        if (!stored) throw new EngineError('not_found', `no run ${runId}`);
        return track(new RunSession(env, stored, hooks));
      });
      loading.set(runId, p);
      try {
        return await p;
      } finally {
        loading.delete(runId);
      }
    }
  };

  /** Drives a session; a child that ended here wakes its parent. */
  const drive = async (s: RunSession): Promise<RunSummary> => {
    const summary = await s.start();
    const parentId = s.run.parentRunId;
    if (parentId !== undefined && s.endedHere && TERMINAL.has(summary.status)) {
      const parent = sessions.get(parentId);
      if (parent && !parent.closed) parent.childFinished(s.run.id);
      else if (!parent) await engine.resume(parentId).catch(() => undefined);
    }
    return summary;
  };

  const fresh = async (run: RunRecord): Promise<RunSession> => {
    const now = clock.now();
    const state: RunState = {
      status: 'queued',
      version: 0,
      updatedAt: now,
      seq: 0,
      tokens: [],
      loops: [],
      joins: [],
      destructive: 0,
    };
    const s = track(new RunSession(env, { run, state, results: [], attempts: [] }, hooks));
    await s.persist();
    return s;
  };

  const newRun = (doc: WorkflowDocument, event: unknown, opts: StartOptions = {}): RunRecord => {
    const run: RunRecord = { id: opts.runId ?? newId(random), document: doc, event, createdAt: clock.now(), depth: 0 };
    if (opts.maxDestructive !== undefined) run.maxDestructive = opts.maxDestructive;
    if (opts.memo !== undefined) run.memo = opts.memo;
    return run;
  };

  const hooks: SessionHooks = {
    async runChild(parent, token, prepare) {
      const id = childRunId(parent.id, token);
      const known = sessions.has(id) || loading.has(id) || (await env.store.load(id)) !== undefined;
      if (known) return drive(await open(id));
      const { document, event } = await prepare();
      const run: RunRecord = {
        id,
        document,
        event,
        createdAt: clock.now(),
        depth: parent.depth + 1,
        parentRunId: parent.id,
        parentStepKey: token.key,
      };
      return drive(await fresh(run));
    },
    async cancelChild(parent, token) {
      return engine.cancel(childRunId(parent.id, token), 'parent cancelled').catch(() => undefined);
    },
  };

  const engine: Engine = {
    async create(doc, event, opts) {
      const s = await fresh(newRun(doc, event, opts));
      sessions.delete(s.run.id);
      return s.run.id;
    },
    async start(doc, event, opts) {
      return drive(await fresh(newRun(doc, event, opts)));
    },
    async resume(runId) {
      return drive(await open(runId));
    },
    async decide(runId, taskId, decision) {
      const s = await open(runId);
      try {
        s.decide(taskId, decision);
      } catch (e) {
        // A refused decision on an idle run: forget the session it loaded.
        if (!s.driving && sessions.get(runId) === s) sessions.delete(runId);
        throw e;
      }
      return drive(s);
    },
    async cancel(runId, reason = 'cancelled') {
      const s = await open(runId);
      s.cancel(reason);
      return drive(s);
    },
    async wakeDue(limit = 100) {
      const ids = await env.store.due(clock.now(), limit);
      const out: RunSummary[] = [];
      for (const id of ids) out.push(await engine.resume(id));
      return out;
    },
  };
  return engine;
}

/** A child run's id: derived from the parent step, so a re-executed step finds its child again. */
export function childRunId(parentRunId: string, token: Pick<Token, 'key'>): string {
  return `${parentRunId}/${token.key}`;
}

function newId(random: Random): string {
  let id = 'run_';
  for (let i = 0; i < 4; i++)
    id += Math.floor(random.next() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return id;
}
