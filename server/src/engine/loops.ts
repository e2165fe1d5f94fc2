import { activateAll, cancelScope, complete, failOrRoute } from './flow';
import type { Outcome } from './nodes';
import { itemScope, type Scope } from './scope';
import type { RunSession } from './session';
import type { LoopItem, LoopState, RunError, StepResult, Token } from './state';

/**
 * For-each control. The items are stored once (`<key>#items`); each finished item
 * leaves one result (`<key>#<index>`); the loop state itself holds only counters and
 * the items in flight, so a commit stays small however long the list.
 */
export function startLoop(s: RunSession, token: Token, o: Extract<Outcome, { type: 'loop' }>): void {
  const scope = s.scopeOf(token);
  token.phase = 'waiting';
  token.wait = { kind: 'loop' };
  const a = s.trace.current.get(token.key);
  if (a) s.trace.finish(a, 'waiting');
  put(s, {
    key: `${token.key}#items`,
    stepId: token.stepId,
    scopeId: scope.id,
    kind: 'items',
    status: 'succeeded',
    output: o.items,
  });
  const loop: LoopState = {
    key: token.key,
    stepId: token.stepId,
    scopeId: scope.id,
    total: o.items.length,
    next: 0,
    running: [],
    failed: 0,
    concurrency: o.concurrency,
    onItemError: o.onItemError,
  };
  s.loops.set(loop.key, loop);
  pump(s, loop);
}

/** Starts items up to the concurrency limit; ends the loop when none is left. */
export function pump(s: RunSession, loop: LoopState): void {
  const parent = s.scopes.get(loop.scopeId);
  if (!parent) return;
  const items = itemsOf(s, loop);
  const body = s.step(loop.stepId)?.transitions.item ?? [];
  while (!loop.abort && loop.running.length < loop.concurrency && loop.next < loop.total) {
    const item: LoopItem = { index: loop.next++ };
    loop.running.push(item);
    const scope = itemScope(parent, loop, item, items[item.index]);
    s.scopes.set(scope.id, scope);
    activateAll(s, body, loop.stepId, scope, loop.key);
    if (scope.live === 0 && scope.pendingJoins === 0) itemDone(s, scope, 'succeeded', undefined, false);
  }
  if (loop.running.length === 0 && (loop.abort || loop.next >= loop.total)) finish(s, loop);
}

/**
 * One item is over. Its output is the output of the last step it completed. Under
 * `fail` the first failure stops the loop (the other items are cancelled); under
 * `continue` it is collected and the loop goes on.
 */
export function itemDone(
  s: RunSession,
  scope: Scope,
  status: 'succeeded' | 'failed',
  error?: RunError,
  more = true,
): void {
  const { loop, item } = scope;
  if (!loop || !item) return;
  s.scopes.delete(scope.id);
  const i = loop.running.indexOf(item);
  if (i >= 0) loop.running.splice(i, 1);
  const output = status === 'succeeded' && item.last ? s.results.get(item.last)?.output : undefined;
  put(s, {
    key: scope.id,
    stepId: loop.stepId,
    scopeId: loop.scopeId,
    kind: 'item',
    status,
    output,
    ...(error ? { error } : {}),
  });
  if (status === 'failed' && error) {
    if (loop.onItemError === 'continue') loop.failed++;
    else if (!loop.abort) {
      loop.abort = { kind: error.kind, message: `item ${item.index}: ${error.message}`, retryable: false };
      for (const other of [...loop.running]) {
        const os = s.scopes.get(`${loop.key}#${other.index}`);
        if (!os) continue;
        cancelScope(s, os);
        itemDone(
          s,
          os,
          'failed',
          { kind: 'cancelled', message: 'cancelled: another item failed', retryable: false },
          false,
        );
      }
    }
  }
  s.committer.markDirty();
  if (more) pump(s, loop);
}

/** All items are over: the for-each completes with one entry per item, in item order. */
function finish(s: RunSession, loop: LoopState): void {
  s.loops.delete(loop.key);
  const token = s.tokens.get(loop.key);
  if (!token) return;
  delete token.wait;
  if (loop.abort) return failOrRoute(s, token, loop.abort);
  const items = itemsOf(s, loop);
  const output = items.map((item, index) => {
    const r = s.results.get(`${loop.key}#${index}`);
    const entry: { index: number; item: unknown; status: string; output?: unknown; error?: unknown } = {
      index,
      item,
      status: r?.status ?? 'failed',
    };
    if (r?.output !== undefined) entry.output = r.output;
    if (r?.error !== undefined) entry.error = r.error;
    return entry;
  });
  complete(s, token, 'succeeded', output, 'done');
}

/** The for-each token was cancelled: cancel its items and drop the loop. */
export function finishLoopToken(s: RunSession, key: string): void {
  const loop = s.loops.get(key);
  if (!loop) return;
  s.loops.delete(key);
  for (const item of loop.running) {
    const scope = s.scopes.get(`${key}#${item.index}`);
    if (!scope) continue;
    cancelScope(s, scope);
    s.scopes.delete(scope.id);
  }
}

function itemsOf(s: RunSession, loop: LoopState): unknown[] {
  const items = s.results.get(`${loop.key}#items`)?.output;
  return Array.isArray(items) ? items : [];
}

function put(s: RunSession, r: Omit<StepResult, 'seq' | 'at'>): void {
  const result: StepResult = { ...r, seq: s.state.seq++, at: s.now() };
  s.results.set(result.key, result);
  s.committer.addResult(result);
}
