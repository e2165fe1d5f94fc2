import type { StepError } from './errors';
import type { LiveRun } from './live-run';
import type { Outcome } from './nodes';
import { itemScope, type Scope } from './scope';
import type { LoopItem, LoopState, RunError, StepResult, Token } from './state';

/** What a for-each needs from the flow (Flow implements it). */
export interface ItemFlow {
  /** Starts the targets of a port in a scope (an item's body). */
  activateAll(targets: readonly string[], from: string, scope: Scope, fromKey: string): void;
  complete(token: Token, status: 'succeeded' | 'failed', output: unknown, port: string): void;
  failOrRoute(token: Token, error: StepError): void;
  /** Cancels everything live in a scope. */
  cancelScope(scope: Scope): void;
}

/**
 * For-each control. The items are stored once (`<key>#items`); each finished item
 * leaves one result (`<key>#<index>`); the loop state itself holds only counters and
 * the items in flight, so a commit stays small however long the list.
 */
export class Loops {
  private readonly loops = new Map<string, LoopState>();

  constructor(
    private readonly run: LiveRun,
    private readonly flow: ItemFlow,
  ) {}

  start(token: Token, o: Extract<Outcome, { type: 'loop' }>): void {
    const run = this.run;
    const scope = run.scopeOf(token);
    token.phase = 'waiting';
    token.wait = { kind: 'loop' };
    run.trace.finishCurrent(token.key, 'waiting');
    this.put({
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
    this.loops.set(loop.key, loop);
    this.pump(loop);
  }

  /** A restored session: every loop starts items again up to its concurrency. */
  resumeAll(): void {
    for (const loop of [...this.loops.values()]) if (this.loops.has(loop.key)) this.pump(loop);
  }

  /**
   * One item is over. Its output is the output of the last step it completed. Under
   * `fail` the first failure stops the loop (the other items are cancelled); under
   * `continue` it is collected and the loop goes on.
   */
  itemDone(scope: Scope, status: 'succeeded' | 'failed', error?: RunError, more = true): void {
    const { loop, item } = scope;
    if (!loop || !item) return;
    const run = this.run;
    run.dropScope(scope.id);
    const i = loop.running.indexOf(item);
    if (i >= 0) loop.running.splice(i, 1);
    const output = status === 'succeeded' && item.last ? run.result(item.last)?.output : undefined;
    this.put({
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
          const os = run.scope(`${loop.key}#${other.index}`);
          if (!os) continue;
          this.flow.cancelScope(os);
          this.itemDone(
            os,
            'failed',
            { kind: 'cancelled', message: 'cancelled: another item failed', retryable: false },
            false,
          );
        }
      }
    }
    run.markDirty();
    if (more) this.pump(loop);
  }

  /** The for-each token was cancelled: cancel its items and drop the loop. */
  cancel(key: string): void {
    const loop = this.loops.get(key);
    if (!loop) return;
    this.loops.delete(key);
    for (const item of loop.running) {
      const scope = this.run.scope(`${key}#${item.index}`);
      if (!scope) continue;
      this.flow.cancelScope(scope);
      this.run.dropScope(scope.id);
    }
  }

  /** The run ended: no loop goes on. */
  clear(): void {
    this.loops.clear();
  }

  /** What a commit stores. */
  states(): LoopState[] {
    return [...this.loops.values()];
  }

  /** Restores a stored loop and the scopes of its items in flight. */
  adopt(loop: LoopState): void {
    this.loops.set(loop.key, loop);
    const parent = this.run.scope(loop.scopeId);
    const items = this.run.result(`${loop.key}#items`)?.output;
    if (!parent) return;
    for (const item of loop.running) {
      this.run.addScope(itemScope(parent, loop, item, Array.isArray(items) ? items[item.index] : undefined));
    }
  }

  /** Starts items up to the concurrency limit; ends the loop when none is left. */
  private pump(loop: LoopState): void {
    const run = this.run;
    const parent = run.scope(loop.scopeId);
    if (!parent) return;
    const items = this.itemsOf(loop);
    const body = run.step(loop.stepId)?.transitions.item ?? [];
    while (!loop.abort && loop.running.length < loop.concurrency && loop.next < loop.total) {
      const item: LoopItem = { index: loop.next++ };
      loop.running.push(item);
      const scope = itemScope(parent, loop, item, items[item.index]);
      run.addScope(scope);
      this.flow.activateAll(body, loop.stepId, scope, loop.key);
      if (scope.live === 0 && scope.pendingJoins === 0) this.itemDone(scope, 'succeeded', undefined, false);
    }
    if (loop.running.length === 0 && (loop.abort || loop.next >= loop.total)) this.finish(loop);
  }

  /** All items are over: the for-each completes with one entry per item, in item order. */
  private finish(loop: LoopState): void {
    this.loops.delete(loop.key);
    const token = this.run.token(loop.key);
    if (!token) return;
    delete token.wait;
    if (loop.abort) return this.flow.failOrRoute(token, loop.abort);
    const items = this.itemsOf(loop);
    const output = items.map((item, index) => {
      const r = this.run.result(`${loop.key}#${index}`);
      const entry: { index: number; item: unknown; status: string; output?: unknown; error?: unknown } = {
        index,
        item,
        status: r?.status ?? 'failed',
      };
      if (r?.output !== undefined) entry.output = r.output;
      if (r?.error !== undefined) entry.error = r.error;
      return entry;
    });
    this.flow.complete(token, 'succeeded', output, 'done');
  }

  private itemsOf(loop: LoopState): unknown[] {
    const items = this.run.result(`${loop.key}#items`)?.output;
    return Array.isArray(items) ? items : [];
  }

  private put(r: Omit<StepResult, 'seq' | 'at'>): void {
    this.run.addResult({ ...r, seq: this.run.nextSeq(), at: this.run.now() });
  }
}
