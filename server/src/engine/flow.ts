import type { StepError } from './errors';
import type { LiveRun } from './live-run';
import { Loops, type ItemFlow } from './loops';
import type { Outcome } from './nodes';
import { joinMode } from './nodes/join';
import type { PreparedStep } from './program';
import { stepView, type Scope } from './scope';
import {
  stepKeyOf,
  type FailureView,
  type JoinState,
  type LoopState,
  type RunError,
  type StepResult,
  type Token,
} from './state';

/**
 * How tokens move: an outcome completes, fails, parks or ends; completion follows a port;
 * joins collect arrivals; a failure goes to the `error` port, else fails its item or the run.
 * Owns the joins, and the for-each loops (loops.ts) it drives.
 */
export class Flow implements ItemFlow {
  private readonly joins = new Map<string, JoinState>();
  private readonly loops: Loops;

  constructor(private readonly run: LiveRun) {
    this.loops = new Loops(run, this);
  }

  apply(token: Token, o: Outcome): void {
    switch (o.type) {
      case 'next':
        return this.complete(token, 'succeeded', o.output, o.port);
      case 'error':
        return this.failOrRoute(token, o.error);
      case 'loop':
      case 'rounds':
        return this.loops.start(token, o);
      case 'end':
        return this.endRun(token, o);
      case 'wait': {
        const run = this.run;
        token.phase = 'waiting';
        token.wait = o.wait;
        const retry = o.wait.kind === 'timer' && o.wait.reason === 'retry';
        if (!retry) run.trace.finishCurrent(token.key, 'waiting');
        run.markDirty();
        // A decision that came in while the step was running is acted on now.
        if (o.wait.kind === 'approval' && o.wait.approval.decision) return run.schedule(token);
        return run.armTimer(token);
      }
    }
  }

  /** Records a completed step and follows `port` (a step that failed into its `error` port too). */
  complete(token: Token, status: 'succeeded' | 'failed', output: unknown, port: string, error?: StepError): void {
    const run = this.run;
    const scope = run.scopeOf(token);
    run.trace.finishCurrent(token.key, status, error ? { output, port, error } : { output, port });
    run.dropToken(token, scope);
    this.record(token, status, output, port, error);
    scope.steps[token.stepId] = stepView(output, error);
    if (scope.item) scope.item.last = token.key;
    const step = run.step(token.stepId);
    if (step?.type === 'join') this.joins.delete(token.key);
    this.activateAll(step?.transitions[port] ?? [], token.stepId, scope, token.key);
    this.afterChange(scope);
  }

  /** A step error: its `error` port when connected (output `{ error }`), else the scope fails. */
  failOrRoute(token: Token, error: StepError): void {
    const run = this.run;
    if (run.step(token.stepId)?.hasErrorPort) return this.complete(token, 'failed', { error }, 'error', error);
    const scope = run.scopeOf(token);
    run.trace.finishCurrent(token.key, 'failed', { error });
    run.dropToken(token, scope);
    this.record(token, 'failed', undefined, undefined, error);
    this.failScope(scope, { ...error, stepId: token.stepId, stepKey: token.key });
  }

  /** Starts the targets of a port in a scope; an edge back to the item's for-each ends the item path. */
  activateAll(targets: readonly string[], from: string, scope: Scope, fromKey: string): void {
    const run = this.run;
    for (const to of targets) {
      if (run.program.isLoopBack(from, to)) continue;
      const step = run.step(to);
      if (!step) continue;
      if (step.type === 'join') this.arrive(step, scope, fromKey);
      else this.activate(to, scope);
    }
  }

  /**
   * Fires every `all` join of the scope that nothing live can still reach: a branch that
   * ended, failed into another path or took another port no longer holds the join.
   */
  checkJoins(scope: Scope): void {
    const run = this.run;
    for (const j of [...this.joins.values()]) {
      if (j.scopeId !== scope.id || run.token(j.key)) continue;
      let blocked = false;
      for (const t of run.tokens()) {
        if (t.scopeId === scope.id && run.program.reach(t.stepId).has(j.stepId)) {
          blocked = true;
          break;
        }
      }
      if (!blocked) this.fire(j, scope, false);
    }
  }

  /** Cancels a token: aborts its effect, closes its approval task, cancels its child run or loop. */
  cancelToken(token: Token): void {
    const run = this.run;
    run.trace.finishCurrent(token.key, 'cancelled');
    run.abortAttempt(token.key);
    run.dropToken(token, run.scope(token.scopeId));
    const w = token.wait;
    if (w?.kind === 'approval' && w.approval.opened)
      run.cleanup(run.env.approvals?.close(w.approval.task, 'cancelled') ?? Promise.resolve());
    if (run.step(token.stepId)?.type === 'subworkflow') run.cancelChild(token);
    this.loops.cancel(token.key);
    this.joins.delete(token.key);
  }

  /** Cancels everything live in a scope (a failed item's other steps, a cancelled loop's items). */
  cancelScope(scope: Scope): void {
    for (const t of [...this.run.tokens()]) if (t.scopeId === scope.id) this.cancelToken(t);
    for (const j of [...this.joins.values()]) if (j.scopeId === scope.id) this.joins.delete(j.key);
    scope.pendingJoins = 0;
  }

  /** A restored session: loops start items again. */
  resumeLoops(): void {
    this.loops.resumeAll();
  }

  /** For a join step: who arrived, in arrival order. */
  arrivals(key: string): readonly string[] {
    return this.joins.get(key)?.arrived ?? [];
  }

  /** The run ended: no join or loop is pending any more. */
  clear(): void {
    this.loops.clear();
    this.joins.clear();
  }

  /** What a commit stores. */
  loopStates(): LoopState[] {
    return this.loops.states();
  }

  joinStates(): JoinState[] {
    return [...this.joins.values()];
  }

  /** Restores a stored loop (with its items' scopes). */
  adoptLoop(loop: LoopState): void {
    this.loops.adopt(loop);
  }

  /** Restores a stored join, pending in its scope unless its token is already live. */
  adoptJoin(j: JoinState): void {
    this.joins.set(j.key, j);
    const scope = this.run.scope(j.scopeId);
    if (scope && !this.run.token(j.key)) scope.pendingJoins++;
  }

  /** Records a completed step of a token (built field by field: this is the hot path). */
  private record(
    token: Token,
    status: 'succeeded' | 'failed',
    output: unknown,
    port?: string,
    error?: StepError,
  ): void {
    const run = this.run;
    const r: StepResult = {
      key: token.key,
      stepId: token.stepId,
      scopeId: token.scopeId,
      kind: 'step',
      seq: run.nextSeq(),
      status,
      output,
      at: run.now(),
    };
    if (port !== undefined) r.port = port;
    if (error !== undefined) r.error = error;
    run.addResult(r);
  }

  private failScope(scope: Scope, error: RunError): void {
    if (!scope.loop) return this.failRun(error);
    this.cancelScope(scope);
    this.loops.itemDone(scope, 'failed', error);
  }

  /**
   * An unhandled failure reached the run. With the document's `onFailure` handler (and not
   * already on its path), everything live stops and the run continues at the handler with
   * `failure` in scope; otherwise the run fails.
   */
  private failRun(error: RunError): void {
    const run = this.run;
    const at = run.program.doc.onFailure?.continueAt;
    if (at === undefined || run.failure || !run.step(at) || run.result(at)) return run.fail(error);
    for (const t of [...run.tokens()]) this.cancelToken(t);
    this.clear();
    const root = run.scope('');
    if (!root) return run.fail(error);
    root.pendingJoins = 0;
    const exposed: FailureView['error'] = { kind: error.kind, message: error.message };
    if (error.status !== undefined) exposed.status = error.status;
    run.handleFailure({ step: error.stepId ?? '', error: exposed });
    this.activate(at, root);
  }

  private endRun(token: Token, o: Extract<Outcome, { type: 'end' }>): void {
    const run = this.run;
    const scope = run.scopeOf(token);
    run.trace.finishCurrent(token.key, 'succeeded', { output: o.output });
    run.dropToken(token, scope);
    this.record(token, 'succeeded', o.output);
    run.end(o.status, o.message, o.output);
  }

  /** A step runs at most once per scope: a second arrival (a merge without a join) is ignored. */
  private activate(stepId: string, scope: Scope): void {
    const run = this.run;
    const key = stepKeyOf(stepId, scope.path);
    if (run.token(key) || run.result(key)) return;
    const token: Token = { key, stepId, scopeId: scope.id, path: scope.path, attempt: 1, phase: 'ready' };
    run.addToken(token, scope);
    run.schedule(token);
  }

  private arrive(step: PreparedStep, scope: Scope, fromKey: string): void {
    const run = this.run;
    const key = stepKeyOf(step.id, scope.path);
    if (run.token(key) || run.result(key)) return;
    let j = this.joins.get(key);
    if (!j) {
      j = { key, stepId: step.id, scopeId: scope.id, arrived: [] };
      this.joins.set(key, j);
      scope.pendingJoins++;
    }
    if (!j.arrived.includes(fromKey)) j.arrived.push(fromKey);
    run.markDirty();
    if (joinMode(step) === 'any') this.fire(j, scope, true);
  }

  private fire(j: JoinState, scope: Scope, cancelOthers: boolean): void {
    const run = this.run;
    scope.pendingJoins--;
    if (cancelOthers) {
      for (const t of [...run.tokens()]) {
        if (t.scopeId === scope.id && run.program.reach(t.stepId).has(j.stepId)) this.cancelToken(t);
      }
    }
    const token: Token = {
      key: j.key,
      stepId: j.stepId,
      scopeId: scope.id,
      path: scope.path,
      attempt: 1,
      phase: 'ready',
    };
    run.addToken(token, scope);
    run.schedule(token);
  }

  /** After a token left a scope: fire joins it held, finish the item when nothing is left in it. */
  private afterChange(scope: Scope): void {
    const run = this.run;
    if (run.closed) return;
    if (scope.pendingJoins > 0) this.checkJoins(scope);
    if (scope.loop && scope.live === 0 && scope.pendingJoins === 0 && run.scope(scope.id) === scope) {
      this.loops.itemDone(scope, 'succeeded');
    }
  }
}
