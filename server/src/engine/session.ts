import { Attempts } from './attempts';
import { Committer } from './commit';
import { castVote, type Decision } from './decisions';
import type { EngineEnv } from './env';
import type { ExpressionBudget } from './expressions';
import { toStepError } from './errors';
import { Flow } from './flow';
import type { AttemptHost, LiveRun } from './live-run';
import type { Outcome } from './nodes';
import type { ChildStart } from './nodes/types';
import { programOf, type PreparedStep, type Program } from './program';
import { restore } from './restore';
import { rootScope, type Scope } from './scope';
import { AttemptLog } from './trace';
import {
  summaryOf,
  TERMINAL,
  wakeOf,
  type FailureView,
  type RunError,
  type RunRecord,
  type RunState,
  type RunStatus,
  type RunSummary,
  type StepResult,
  type StoredRun,
  type Token,
} from './state';

/** What a session needs from its engine: child runs live in the engine, not the session. */
export interface SessionHooks {
  runChild(parent: RunRecord, token: Token, prepare: () => Promise<ChildStart>): Promise<RunSummary>;
  cancelChild(parent: RunRecord, token: Token): Promise<unknown>;
}

/**
 * One run being driven in this process. It owns the run's live state (tokens, results,
 * scopes, the persisted state, its commits) and changes it only through its methods;
 * its collaborators see it as a LiveRun (live-run.ts): Flow (flow.ts: ports, joins,
 * failure, and the for-each loops of loops.ts) and Attempts (attempts.ts: one attempt of
 * one step). Drives until nothing can move (then commits `waiting` and closes) or the run ends.
 */
export class RunSession implements LiveRun, AttemptHost {
  readonly run: RunRecord;
  readonly program: Program;
  readonly trace: AttemptLog;
  readonly done: Promise<RunSummary>;
  readonly expressionBudget: ExpressionBudget;
  private readonly state: RunState;
  private readonly tokensByKey = new Map<string, Token>();
  private readonly results = new Map<string, StepResult>();
  private readonly scopes = new Map<string, Scope>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly committer: Committer;
  private readonly flow: Flow;
  private readonly attempts: Attempts;
  private readonly root: Scope;
  private isClosed = false;
  private ended = false;
  private started = false;
  private inflight = 0;
  private readonly timers = new AbortController();
  private readonly cleanups: Promise<unknown>[] = [];
  private resolveDone: (s: RunSummary) => void = () => undefined;
  private rejectDone: (e: unknown) => void = () => undefined;

  /** A session of a stored run (a new one has no results yet); completed steps are never run again. */
  constructor(
    readonly env: EngineEnv,
    stored: StoredRun,
    private readonly hooks: SessionHooks,
  ) {
    const run = stored.run;
    this.run = run;
    this.state = stored.state;
    this.program = programOf(run.document);
    this.expressionBudget = { limitMs: env.limits.runExpressionBudgetMs, spentMs: 0 };
    this.root = rootScope(run.event, run.document.vars);
    if (stored.state.failure) this.root.input.failure = stored.state.failure;
    this.scopes.set('', this.root);
    this.committer = new Committer(
      env.store,
      run.id,
      () => this.snapshot(),
      env.limits.commitBatch,
      env.defer,
      (e) => this.abort(e),
      () => env.store.holds?.(run.id) === true,
    );
    this.trace = new AttemptLog(run.id, env.clock, this.committer, env.events);
    this.flow = new Flow(this);
    this.attempts = new Attempts(this);
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
    for (const r of stored.results) this.results.set(r.key, r);
    restore(this, this.flow, stored);
  }

  /** Ended, parked as `waiting`, or stopped by a store failure. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** This session took the run to an end (not: it loaded an ended run). */
  get endedHere(): boolean {
    return this.ended;
  }

  /** Whether `start()` has been called and the session has not closed: it will act on a woken token. */
  get driving(): boolean {
    return this.started && !this.isClosed;
  }

  /** Writes a new run's record and first state, before its first step runs. */
  persist(): Promise<void> {
    this.committer.create(this.run);
    return this.committer.flush();
  }

  /** Drives the run until it waits or ends. Idempotent: a second call gets the same promise. */
  start(): Promise<RunSummary> {
    if (this.started) return this.done;
    this.started = true;
    const s = this.state;
    if (TERMINAL.has(s.status)) {
      this.isClosed = true;
      this.resolveDone(summaryOf(this.run.id, s));
      return this.done;
    }
    const fresh = s.status === 'queued';
    s.status = 'running';
    delete s.wakeAt;
    if (fresh) s.startedAt = this.now();
    this.env.events?.emit({ type: 'run', runId: this.run.id, status: 'running' });
    this.committer.markDirty();
    for (const t of [...this.tokensByKey.values()]) this.pickUp(t);
    const trigger = this.program.doc.trigger.id;
    if (fresh) this.flow.activateAll(this.program.entry, trigger, this.root, trigger);
    this.flow.resumeLoops();
    for (const scope of [...this.scopes.values()]) if (scope.pendingJoins > 0) this.flow.checkJoins(scope);
    this.committer.soon();
    this.checkIdle();
    return this.done;
  }

  /**
   * Records a decision on an open approval task (throws EngineError when there is none or
   * the person already voted); a deciding vote wakes the approval step when driving.
   */
  decide(taskId: string, d: Decision): void {
    const token = castVote(this, taskId, d);
    if (token && this.driving && token.phase === 'waiting') this.schedule(token);
    this.committer.soon();
  }

  cancel(reason: string): void {
    this.started = true;
    this.state.message = reason;
    this.finish('cancelled');
  }

  /** A child run ended: wake the step waiting on it (if it is not already running). */
  childFinished(childRunId: string): void {
    if (this.isClosed) return;
    for (const t of this.tokensByKey.values()) {
      if (t.phase === 'waiting' && t.wait?.kind === 'child' && t.wait.runId === childRunId) this.schedule(t);
    }
  }

  // LiveRun and AttemptHost: what Flow, Loops, restore and Attempts may see and do.

  now(): number {
    return this.env.clock.now();
  }

  step(id: string): PreparedStep | undefined {
    return this.program.steps.get(id);
  }

  scope(id: string): Scope | undefined {
    return this.scopes.get(id);
  }

  scopeOf(token: Token): Scope {
    const scope = this.scopes.get(token.scopeId);
    if (!scope) throw new Error(`no scope ${token.scopeId} for ${token.key}`);
    return scope;
  }

  addScope(scope: Scope): void {
    this.scopes.set(scope.id, scope);
  }

  dropScope(id: string): void {
    this.scopes.delete(id);
  }

  token(key: string): Token | undefined {
    return this.tokensByKey.get(key);
  }

  tokens(): IterableIterator<Token> {
    return this.tokensByKey.values();
  }

  addToken(token: Token, scope: Scope | undefined): void {
    this.tokensByKey.set(token.key, token);
    if (scope) scope.live++;
  }

  dropToken(token: Token, scope: Scope | undefined): void {
    this.tokensByKey.delete(token.key);
    this.trace.forget(token.key);
    if (scope) scope.live--;
  }

  result(key: string): StepResult | undefined {
    return this.results.get(key);
  }

  nextSeq(): number {
    return this.state.seq++;
  }

  addResult(r: StepResult): void {
    this.results.set(r.key, r);
    this.committer.addResult(r);
  }

  markDirty(): void {
    this.committer.markDirty();
  }

  schedule(token: Token): void {
    token.phase = 'running';
    this.inflight++;
    this.attempts.run(token).then(
      (o) => this.settle(token, o),
      (e: unknown) => this.settle(token, { type: 'error', error: toStepError(e) }),
    );
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
      if (!this.isClosed) this.fireDue();
    });
  }

  watch<T>(p: Promise<T>, then: (r: { ok: true; value: T } | { ok: false; error: unknown }) => void): void {
    this.inflight++;
    const settle = (r: { ok: true; value: T } | { ok: false; error: unknown }) => {
      this.inflight--;
      if (this.isClosed) return;
      then(r);
      this.committer.soon();
      this.checkIdle();
    };
    p.then(
      (value) => settle({ ok: true, value }),
      (error: unknown) => settle({ ok: false, error }),
    );
  }

  get failure(): FailureView | undefined {
    return this.state.failure;
  }

  handleFailure(failure: FailureView): void {
    this.state.failure = failure;
    this.root.input.failure = failure;
    this.committer.markDirty();
  }

  fail(error: RunError): void {
    this.state.error = error;
    this.finish('failed');
  }

  end(status: 'succeeded' | 'failed', message: string, output: unknown): void {
    this.state.message = message;
    if (output !== undefined) this.state.output = output;
    this.finish(status);
  }

  abortAttempt(key: string): void {
    this.controllers.get(key)?.abort('cancelled');
  }

  cancelChild(token: Token): void {
    this.cleanup(this.hooks.cancelChild(this.run, token));
  }

  cleanup(p: Promise<unknown>): void {
    this.cleanups.push(p.catch(() => undefined));
  }

  track(key: string, controller: AbortController): void {
    this.controllers.set(key, controller);
  }

  untrack(key: string, controller: AbortController): void {
    if (this.controllers.get(key) === controller) this.controllers.delete(key);
  }

  durable(): Promise<void> {
    return this.committer.flush();
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

  arrivals(key: string): readonly string[] {
    return this.flow.arrivals(key);
  }

  runChild(token: Token, prepare: () => Promise<ChildStart>): Promise<RunSummary> {
    return this.hooks.runChild(this.run, token, prepare);
  }

  // The session's own lifecycle.

  /** Resumes one restored token: what it does depends on where it stopped. */
  private pickUp(t: Token): void {
    if (t.phase !== 'waiting') return this.schedule(t);
    const w = t.wait;
    if (w?.kind === 'child') return this.schedule(t);
    if (w?.kind === 'approval' && (!w.approval.opened || w.approval.decision)) return this.schedule(t);
    if (wakeOf(w) !== undefined) this.armTimer(t);
  }

  private settle(token: Token, outcome: Outcome): void {
    this.inflight--;
    if (this.isClosed) return;
    if (this.tokensByKey.get(token.key) === token) this.flow.apply(token, outcome);
    this.committer.soon();
    this.checkIdle();
  }

  private fireDue(): void {
    const now = this.now();
    for (const t of [...this.tokensByKey.values()]) {
      const at = t.phase === 'waiting' ? wakeOf(t.wait) : undefined;
      if (at === undefined || at > now) continue;
      if (t.wait?.kind === 'timer' && t.wait.reason === 'retry') delete t.wait;
      this.schedule(t);
    }
    this.checkIdle();
  }

  /** Nothing running: end the run, sleep a short wait out, or commit `waiting` and close. */
  private checkIdle(): void {
    if (this.isClosed || this.inflight > 0) return;
    if (this.tokensByKey.size === 0) return this.finish('succeeded');
    let next: number | undefined;
    for (const t of this.tokensByKey.values()) {
      const at = t.phase === 'waiting' ? wakeOf(t.wait) : undefined;
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    if (next !== undefined && next - this.now() <= this.env.limits.inlineWaitMs) {
      this.inflight++;
      void this.env.clock.sleep(Math.max(0, next - this.now()), this.timers.signal).then(() => {
        this.inflight--;
        if (!this.isClosed) this.fireDue();
      });
      return;
    }
    if (next === undefined) delete this.state.wakeAt;
    else this.state.wakeAt = next;
    this.close('waiting');
  }

  /** Ends the run: every live token is cancelled (an `end` step or a failure got there first). */
  private finish(status: RunStatus): void {
    if (this.isClosed) return;
    for (const t of [...this.tokensByKey.values()]) this.flow.cancelToken(t);
    this.flow.clear();
    this.state.finishedAt = this.now();
    delete this.state.wakeAt;
    this.ended = true;
    this.close(status);
  }

  private close(status: RunStatus): void {
    this.isClosed = true;
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
    if (this.isClosed) return;
    this.isClosed = true;
    this.timers.abort(CLOSED);
    for (const c of this.controllers.values()) c.abort(CLOSED);
    this.rejectDone(e);
  }

  private snapshot(): RunState {
    const s = this.state;
    s.version++;
    s.updatedAt = this.now();
    s.tokens = [...this.tokensByKey.values()];
    s.loops = this.flow.loopStates();
    s.joins = this.flow.joinStates();
    return s;
  }
}

/** Abort reason when a session closes (a reason avoids building a DOMException). */
const CLOSED = 'closed';
