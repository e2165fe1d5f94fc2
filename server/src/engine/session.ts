import { Committer } from './commit';
import type { EngineEnv } from './env';
import { toStepError } from './errors';
import { activateAll, applyOutcome, cancelToken, checkJoins } from './flow';
import { pump } from './loops';
import type { Outcome } from './nodes';
import type { ChildStart } from './nodes/types';
import { programOf, type PreparedStep, type Program } from './program';
import { rootScope, type Scope } from './scope';
import { runToken } from './attempts';
import { AttemptLog } from './trace';
import {
  summaryOf,
  TERMINAL,
  wakeOf,
  type JoinState,
  type LoopState,
  type RunRecord,
  type RunState,
  type RunStatus,
  type RunSummary,
  type StepResult,
  type Token,
} from './state';

/** What a session needs from its engine: child runs live in the engine, not the session. */
export interface SessionHooks {
  runChild(parent: RunSession, token: Token, prepare: () => Promise<ChildStart>): Promise<RunSummary>;
  cancelChild(parent: RunSession, token: Token): Promise<unknown>;
}

/**
 * One run being driven in this process: its live tokens, scopes and buffered commit.
 * Drives until nothing can move (then commits `waiting` and closes) or the run ends.
 * The moving parts live beside it: flow.ts (ports, joins, failure), loops.ts (for-each),
 * attempts.ts (one attempt of one step).
 */
export class RunSession {
  readonly tokens = new Map<string, Token>();
  readonly results = new Map<string, StepResult>();
  readonly loops = new Map<string, LoopState>();
  readonly joins = new Map<string, JoinState>();
  readonly scopes = new Map<string, Scope>();
  readonly controllers = new Map<string, AbortController>();
  readonly program: Program;
  readonly committer: Committer;
  readonly trace: AttemptLog;
  readonly root: Scope;
  readonly done: Promise<RunSummary>;
  /** Set when this session took the run to an end (not when it loaded an ended run). */
  endedHere = false;
  closed = false;
  private started = false;
  private inflight = 0;
  private readonly timers = new AbortController();
  private readonly cleanups: Promise<unknown>[] = [];
  private resolveDone: (s: RunSummary) => void = () => undefined;
  private rejectDone: (e: unknown) => void = () => undefined;

  constructor(
    readonly env: EngineEnv,
    readonly run: RunRecord,
    readonly state: RunState,
    readonly hooks: SessionHooks,
  ) {
    this.program = programOf(run.document);
    this.root = rootScope(run.event, run.document.vars);
    this.scopes.set('', this.root);
    this.committer = new Committer(
      env.store,
      run.id,
      () => this.snapshot(),
      env.limits.commitBatch,
      env.defer,
      (e) => this.abort(e),
    );
    this.trace = new AttemptLog(run.id, env.clock, this.committer, env.events);
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
  }

  now(): number {
    return this.env.clock.now();
  }

  step(id: string): PreparedStep | undefined {
    return this.program.steps.get(id);
  }

  scopeOf(token: Token): Scope {
    const scope = this.scopes.get(token.scopeId);
    if (!scope) throw new Error(`no scope ${token.scopeId} for ${token.key}`);
    return scope;
  }

  /** Drives the run until it waits or ends. Idempotent: a second call gets the same promise. */
  start(): Promise<RunSummary> {
    if (this.started) return this.done;
    this.started = true;
    const s = this.state;
    if (TERMINAL.has(s.status)) {
      this.closed = true;
      this.resolveDone(summaryOf(this.run.id, s));
      return this.done;
    }
    const fresh = s.status === 'queued';
    s.status = 'running';
    delete s.wakeAt;
    if (fresh) s.startedAt = this.now();
    this.env.events?.emit({ type: 'run', runId: this.run.id, status: 'running' });
    this.committer.markDirty();
    for (const t of [...this.tokens.values()]) this.pickUp(t);
    if (fresh)
      activateAll(this, this.program.entry, this.program.doc.trigger.id, this.root, this.program.doc.trigger.id);
    for (const loop of [...this.loops.values()]) if (this.loops.has(loop.key)) pump(this, loop);
    for (const scope of [...this.scopes.values()]) if (scope.pendingJoins > 0) checkJoins(this, scope);
    this.committer.soon();
    this.checkIdle();
    return this.done;
  }

  /** Resumes one restored token: what it does depends on where it stopped. */
  private pickUp(t: Token): void {
    if (t.phase !== 'waiting') return this.schedule(t);
    const w = t.wait;
    if (w?.kind === 'child') return this.schedule(t);
    if (w?.kind === 'approval' && (!w.approval.opened || w.approval.decision)) return this.schedule(t);
    if (wakeOf(w) !== undefined) this.armTimer(t);
  }

  schedule(token: Token): void {
    token.phase = 'running';
    this.inflight++;
    runToken(this, token).then(
      (o) => this.settle(token, o),
      (e: unknown) => this.settle(token, { type: 'error', error: toStepError(e) }),
    );
  }

  private settle(token: Token, outcome: Outcome): void {
    this.inflight--;
    if (this.closed) return;
    if (this.tokens.get(token.key) === token) applyOutcome(this, token, outcome);
    this.committer.soon();
    this.checkIdle();
  }

  /** Sleeps until the token's wake time: in the run's count when short, alongside it when long. */
  armTimer(token: Token): void {
    const at = wakeOf(token.wait);
    if (at === undefined) return;
    const ms = at - this.now();
    const blocking = ms <= this.env.limits.inlineWaitMs;
    if (blocking) this.inflight++;
    void this.env.clock.sleep(Math.max(0, ms), this.timers.signal).then(() => {
      if (blocking) this.inflight--;
      if (!this.closed) this.fireDue();
    });
  }

  private fireDue(): void {
    const now = this.now();
    for (const t of [...this.tokens.values()]) {
      const at = t.phase === 'waiting' ? wakeOf(t.wait) : undefined;
      if (at === undefined || at > now) continue;
      if (t.wait?.kind === 'timer' && t.wait.reason === 'retry') delete t.wait;
      this.schedule(t);
    }
    this.checkIdle();
  }

  /** Nothing running: end the run, sleep a short wait out, or commit `waiting` and close. */
  checkIdle(): void {
    if (this.closed || this.inflight > 0) return;
    if (this.tokens.size === 0) return this.finish('succeeded');
    let next: number | undefined;
    for (const t of this.tokens.values()) {
      const at = t.phase === 'waiting' ? wakeOf(t.wait) : undefined;
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    if (next !== undefined && next - this.now() <= this.env.limits.inlineWaitMs) {
      this.inflight++;
      void this.env.clock.sleep(Math.max(0, next - this.now()), this.timers.signal).then(() => {
        this.inflight--;
        if (!this.closed) this.fireDue();
      });
      return;
    }
    if (next === undefined) delete this.state.wakeAt;
    else this.state.wakeAt = next;
    this.close('waiting');
  }

  /** Ends the run: every live token is cancelled (an `end` step or a failure got there first). */
  finish(status: RunStatus): void {
    if (this.closed) return;
    for (const t of [...this.tokens.values()]) cancelToken(this, t);
    this.loops.clear();
    this.joins.clear();
    this.state.finishedAt = this.now();
    delete this.state.wakeAt;
    this.endedHere = true;
    this.close(status);
  }

  private close(status: RunStatus): void {
    this.closed = true;
    this.state.status = status;
    this.timers.abort(CLOSED);
    this.committer.markDirty();
    this.env.events?.emit({ type: 'run', runId: this.run.id, status });
    Promise.all(this.cleanups)
      .catch(() => undefined)
      .then(() => this.committer.flush())
      .then(() => this.resolveDone(summaryOf(this.run.id, this.state)), this.rejectDone);
  }

  /** A store failure: stop where we are; what was not committed will be redone on resume. */
  private abort(e: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.timers.abort(CLOSED);
    for (const c of this.controllers.values()) c.abort(CLOSED);
    this.rejectDone(e);
  }

  cancel(reason: string): void {
    this.started = true;
    this.state.message = reason;
    this.finish('cancelled');
  }

  /** Whether `start()` has been called and the session has not closed: it will act on a woken token. */
  get driving(): boolean {
    return this.started && !this.closed;
  }

  /** A child run ended: wake the step waiting on it (if it is not already running). */
  childFinished(childRunId: string): void {
    if (this.closed) return;
    for (const t of this.tokens.values()) {
      if (t.phase === 'waiting' && t.wait?.kind === 'child' && t.wait.runId === childRunId) this.schedule(t);
    }
  }

  /** Port calls made while cancelling: awaited before the final commit. */
  cleanup(p: Promise<unknown>): void {
    this.cleanups.push(p.catch(() => undefined));
  }

  /** Counts a destructive action once per step key, even when an attempt is re-executed. */
  claimDestructive(token: Token): boolean {
    if (token.counted) return true;
    const max = this.run.maxDestructive ?? this.env.limits.maxDestructivePerRun;
    if (max !== undefined && this.state.destructive >= max) return false;
    this.state.destructive++;
    token.counted = true;
    this.committer.markDirty();
    return true;
  }

  private snapshot(): RunState {
    const s = this.state;
    s.version++;
    s.updatedAt = this.now();
    s.tokens = [...this.tokens.values()];
    s.loops = [...this.loops.values()];
    s.joins = [...this.joins.values()];
    return s;
  }
}

/** Abort reason when a session closes (a reason avoids building a DOMException). */
const CLOSED = 'closed';
