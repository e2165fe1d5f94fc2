import type { StepError } from './errors';
import { finishLoopToken, itemDone, startLoop } from './loops';
import type { Outcome } from './nodes';
import { joinMode } from './nodes/join';
import type { PreparedStep } from './program';
import type { Scope } from './scope';
import type { RunSession } from './session';
import { stepKeyOf, type JoinState, type RunError, type StepResult, type Token } from './state';

/**
 * How tokens move: an outcome completes, fails, parks or ends; completion follows a port;
 * joins collect arrivals; a failure goes to the `error` port, else fails its item or the run.
 */
export function applyOutcome(s: RunSession, token: Token, o: Outcome): void {
  switch (o.type) {
    case 'next':
      return complete(s, token, 'succeeded', o.output, o.port);
    case 'error':
      return failOrRoute(s, token, o.error);
    case 'loop':
      return startLoop(s, token, o);
    case 'end':
      return endRun(s, token, o);
    case 'wait': {
      token.phase = 'waiting';
      token.wait = o.wait;
      const retry = o.wait.kind === 'timer' && o.wait.reason === 'retry';
      const a = s.trace.current.get(token.key);
      if (a && !retry) s.trace.finish(a, 'waiting');
      s.committer.markDirty();
      // A decision that came in while the step was running is acted on now.
      if (o.wait.kind === 'approval' && o.wait.approval.decision) return s.schedule(token);
      return s.armTimer(token);
    }
  }
}

function removeToken(s: RunSession, token: Token, scope: Scope): void {
  s.tokens.delete(token.key);
  s.trace.current.delete(token.key);
  scope.live--;
}

/** Records a completed step of a token (built field by field: this is the hot path). */
function record(
  s: RunSession,
  token: Token,
  status: 'succeeded' | 'failed',
  output: unknown,
  port?: string,
  error?: StepError,
): void {
  const r: StepResult = {
    key: token.key,
    stepId: token.stepId,
    scopeId: token.scopeId,
    kind: 'step',
    seq: s.state.seq++,
    status,
    output,
    at: s.now(),
  };
  if (port !== undefined) r.port = port;
  if (error !== undefined) r.error = error;
  s.results.set(r.key, r);
  s.committer.addResult(r);
}

/** Records a completed step and follows `port` (a step that failed into its `error` port too). */
export function complete(
  s: RunSession,
  token: Token,
  status: 'succeeded' | 'failed',
  output: unknown,
  port: string,
  error?: StepError,
): void {
  const scope = s.scopeOf(token);
  const a = s.trace.current.get(token.key);
  if (a) s.trace.finish(a, status, error ? { output, port, error } : { output, port });
  removeToken(s, token, scope);
  record(s, token, status, output, port, error);
  scope.steps[token.stepId] = { output };
  if (scope.item) scope.item.last = token.key;
  if (s.step(token.stepId)?.type === 'join') s.joins.delete(token.key);
  const next = s.step(token.stepId)?.transitions[port] ?? [];
  activateAll(s, next, token.stepId, scope, token.key);
  afterChange(s, scope);
}

/** A step error: its `error` port when connected (output `{ error }`), else the scope fails. */
export function failOrRoute(s: RunSession, token: Token, error: StepError): void {
  if (s.step(token.stepId)?.hasErrorPort) return complete(s, token, 'failed', { error }, 'error', error);
  const scope = s.scopeOf(token);
  const a = s.trace.current.get(token.key);
  if (a) s.trace.finish(a, 'failed', { error });
  removeToken(s, token, scope);
  record(s, token, 'failed', undefined, undefined, error);
  failScope(s, scope, { ...error, stepId: token.stepId, stepKey: token.key });
}

function failScope(s: RunSession, scope: Scope, error: RunError): void {
  if (!scope.loop) {
    s.state.error = error;
    return s.finish('failed');
  }
  cancelScope(s, scope);
  itemDone(s, scope, 'failed', error);
}

function endRun(s: RunSession, token: Token, o: Extract<Outcome, { type: 'end' }>): void {
  const scope = s.scopeOf(token);
  const a = s.trace.current.get(token.key);
  if (a) s.trace.finish(a, 'succeeded', { output: o.output });
  removeToken(s, token, scope);
  record(s, token, 'succeeded', o.output);
  s.state.message = o.message;
  if (o.output !== undefined) s.state.output = o.output;
  s.finish(o.status);
}

/** Starts the targets of a port in a scope; an edge back to the item's for-each ends the item path. */
export function activateAll(
  s: RunSession,
  targets: readonly string[],
  from: string,
  scope: Scope,
  fromKey: string,
): void {
  for (const to of targets) {
    if (s.program.isLoopBack(from, to)) continue;
    const step = s.step(to);
    if (!step) continue;
    if (step.type === 'join') arrive(s, step, scope, fromKey);
    else activate(s, to, scope);
  }
}

/** A step runs at most once per scope: a second arrival (a merge without a join) is ignored. */
function activate(s: RunSession, stepId: string, scope: Scope): void {
  const key = stepKeyOf(stepId, scope.path);
  if (s.tokens.has(key) || s.results.has(key)) return;
  const token: Token = { key, stepId, scopeId: scope.id, path: scope.path, attempt: 1, phase: 'ready' };
  s.tokens.set(key, token);
  scope.live++;
  s.schedule(token);
}

function arrive(s: RunSession, step: PreparedStep, scope: Scope, fromKey: string): void {
  const key = stepKeyOf(step.id, scope.path);
  if (s.tokens.has(key) || s.results.has(key)) return;
  let j = s.joins.get(key);
  if (!j) {
    j = { key, stepId: step.id, scopeId: scope.id, arrived: [] };
    s.joins.set(key, j);
    scope.pendingJoins++;
  }
  if (!j.arrived.includes(fromKey)) j.arrived.push(fromKey);
  s.committer.markDirty();
  if (joinMode(step) === 'any') fire(s, j, scope, true);
}

/**
 * Fires every `all` join of the scope that nothing live can still reach: a branch that
 * ended, failed into another path or took another port no longer holds the join.
 */
export function checkJoins(s: RunSession, scope: Scope): void {
  for (const j of [...s.joins.values()]) {
    if (j.scopeId !== scope.id || s.tokens.has(j.key)) continue;
    let blocked = false;
    for (const t of s.tokens.values()) {
      if (t.scopeId === scope.id && s.program.reach(t.stepId).has(j.stepId)) {
        blocked = true;
        break;
      }
    }
    if (!blocked) fire(s, j, scope, false);
  }
}

function fire(s: RunSession, j: JoinState, scope: Scope, cancelOthers: boolean): void {
  scope.pendingJoins--;
  if (cancelOthers) {
    for (const t of [...s.tokens.values()]) {
      if (t.scopeId === scope.id && s.program.reach(t.stepId).has(j.stepId)) cancelToken(s, t);
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
  s.tokens.set(token.key, token);
  scope.live++;
  s.schedule(token);
}

/** After a token left a scope: fire joins it held, finish the item when nothing is left in it. */
export function afterChange(s: RunSession, scope: Scope): void {
  if (s.closed) return;
  if (scope.pendingJoins > 0) checkJoins(s, scope);
  if (scope.loop && scope.live === 0 && scope.pendingJoins === 0 && s.scopes.get(scope.id) === scope) {
    itemDone(s, scope, 'succeeded');
  }
}

/** Cancels a token: aborts its effect, closes its approval task, cancels its child run or loop. */
export function cancelToken(s: RunSession, token: Token): void {
  const scope = s.scopes.get(token.scopeId);
  const a = s.trace.current.get(token.key);
  if (a) s.trace.finish(a, 'cancelled');
  s.controllers.get(token.key)?.abort('cancelled');
  s.tokens.delete(token.key);
  s.trace.current.delete(token.key);
  if (scope) scope.live--;
  const w = token.wait;
  if (w?.kind === 'approval' && w.approval.opened)
    s.cleanup(s.env.approvals?.close(w.approval.task, 'cancelled') ?? Promise.resolve());
  if (s.step(token.stepId)?.type === 'subworkflow') s.cleanup(s.hooks.cancelChild(s, token));
  if (s.loops.has(token.key)) finishLoopToken(s, token.key);
  s.joins.delete(token.key);
}

/** Cancels everything live in a scope (a failed item's other steps, a cancelled loop's items). */
export function cancelScope(s: RunSession, scope: Scope): void {
  for (const t of [...s.tokens.values()]) if (t.scopeId === scope.id) cancelToken(s, t);
  for (const j of [...s.joins.values()]) if (j.scopeId === scope.id) s.joins.delete(j.key);
  scope.pendingJoins = 0;
}
