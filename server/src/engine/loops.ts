import { stepError, toStepError, type StepError } from './errors';
import type { LiveRun } from './live-run';
import type { Outcome } from './nodes';
import { truthy } from './nodes/condition';
import { itemScope, type Scope } from './scope';
import type { LoopItem, LoopState, RunError, StepResult, Token, TraceEvent } from './state';

/** What a for-each or a loop needs from the flow (Flow implements it). */
export interface ItemFlow {
  /** Starts the targets of a port in a scope (an item's body). */
  activateAll(targets: readonly string[], from: string, scope: Scope, fromKey: string): void;
  complete(token: Token, status: 'succeeded' | 'failed', output: unknown, port: string): void;
  failOrRoute(token: Token, error: StepError): void;
  /** Cancels everything live in a scope. */
  cancelScope(scope: Scope): void;
}

type ItemsOutcome = Extract<Outcome, { type: 'loop' }>;
type RoundsOutcome = Extract<Outcome, { type: 'rounds' }>;

/**
 * For-each and repeat-until control. A for-each's items are stored once (`<key>#items`);
 * each finished item leaves one result (`<key>#<index>`); a loop's rounds are items too
 * (round n is index n − 1), run one at a time. The loop state holds only counters and
 * the items in flight, so a commit stays small however long the list. A `check` (a
 * for-each's `breakWhen`, a loop's `until`) is asked after each finished item, which
 * keeps its scope (and its place in `running`) until the answer is in.
 */
export class Loops {
  private readonly loops = new Map<string, LoopState>();

  constructor(
    private readonly run: LiveRun,
    private readonly flow: ItemFlow,
  ) {}

  start(token: Token, o: ItemsOutcome | RoundsOutcome): void {
    const run = this.run;
    const scope = run.scopeOf(token);
    token.phase = 'waiting';
    token.wait = { kind: 'loop' };
    run.trace.finishCurrent(token.key, 'waiting');
    const base = { key: token.key, stepId: token.stepId, scopeId: scope.id, next: 0, running: [], failed: 0 };
    let loop: LoopState;
    if (o.type === 'rounds') {
      loop = { ...base, kind: 'rounds', total: o.maxRounds, concurrency: 1, onItemError: 'fail', check: o.until };
      if (o.checkBefore) loop.checkBefore = true;
    } else {
      this.put({
        key: `${token.key}#items`,
        stepId: token.stepId,
        scopeId: scope.id,
        kind: 'items',
        status: 'succeeded',
        output: o.items,
      });
      loop = { ...base, total: o.items.length, concurrency: o.concurrency, onItemError: o.onItemError };
      if (o.breakWhen !== undefined) loop.check = o.breakWhen;
    }
    this.loops.set(loop.key, loop);
    this.pump(loop);
  }

  /** A restored session: checks that were being asked are asked again; loops start items up to their concurrency. */
  resumeAll(): void {
    for (const loop of [...this.loops.values()]) {
      if (!this.loops.has(loop.key)) continue;
      const checking = loop.running.filter((i) => i.checking);
      for (const item of checking) this.ask(loop, item);
      if (checking.length === 0) this.pump(loop);
    }
  }

  /**
   * One item is over. Its output is the output of the last step it completed. Under
   * `fail` the first failure stops the loop (the other items are cancelled); under
   * `continue` it is collected and the loop goes on. `recorded`: its result is stored
   * already (its check failed after it succeeded).
   */
  itemDone(scope: Scope, status: 'succeeded' | 'failed', error?: RunError, more = true, recorded = false): void {
    const { loop, item } = scope;
    if (!loop || !item) return;
    const run = this.run;
    const output = status === 'succeeded' && item.last ? run.result(item.last)?.output : undefined;
    // An item whose check failed was recorded when it finished: results are never rewritten.
    if (!recorded) {
      this.put({
        key: scope.id,
        stepId: loop.stepId,
        scopeId: loop.scopeId,
        kind: 'item',
        status,
        output,
        ...(error ? { error } : {}),
      });
    }
    if (status === 'succeeded' && loop.check !== undefined && !loop.broken) {
      item.checking = true;
      run.markDirty();
      return this.ask(loop, item);
    }
    this.release(loop, item);
    if (status === 'failed' && error) {
      if (loop.onItemError === 'continue') loop.failed++;
      else if (!loop.abort) {
        const where = loop.kind === 'rounds' ? `round ${item.index + 1}` : `item ${item.index}`;
        loop.abort = { kind: error.kind, message: `${where}: ${error.message}`, retryable: false };
        for (const other of [...loop.running]) {
          // An item being checked is over already: it only gives up its place.
          if (other.checking) {
            this.release(loop, other);
            continue;
          }
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

  /** The for-each or loop token was cancelled: cancel its items and drop the loop. */
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

  /** Restores a stored loop and the scopes of its items in flight (or being checked). */
  adopt(loop: LoopState): void {
    this.loops.set(loop.key, loop);
    const parent = this.run.scope(loop.scopeId);
    if (!parent) return;
    const items = this.itemsOf(loop);
    for (const item of loop.running) this.run.addScope(itemScope(parent, loop, item, items[item.index]));
  }

  /** Drops a finished item's scope and its place among the running ones. */
  private release(loop: LoopState, item: LoopItem): void {
    this.run.dropScope(`${loop.key}#${item.index}`);
    const i = loop.running.indexOf(item);
    if (i >= 0) loop.running.splice(i, 1);
  }

  /**
   * Asks a finished item's check in its scope (a loop's round sees `loop.round`: the round
   * just finished, or with `check: 'before'` the one about to start). A check that cannot
   * be evaluated fails the loop like an item would.
   */
  private ask(loop: LoopState, item: LoopItem): void {
    const run = this.run;
    const scope = run.scope(`${loop.key}#${item.index}`);
    const source = loop.check;
    if (!scope || source === undefined) return;
    const round = item.index + (loop.checkBefore ? 2 : 1);
    const input = loop.kind === 'rounds' ? { ...scope.input, loop: { round } } : scope.input;
    run.watch(run.env.expressions.evaluate(source, input, { now: run.now(), budget: run.expressionBudget }), (r) => {
      if (this.loops.get(loop.key) !== loop || !loop.running.includes(item)) return;
      delete item.checking;
      if (!r.ok) {
        const e = toStepError(r.error);
        return this.itemDone(scope, 'failed', { ...e, message: `the stop condition: ${e.message}` }, true, true);
      }
      this.release(loop, item);
      if (truthy(r.value) && !loop.broken) {
        loop.broken = true;
        if (loop.kind !== 'rounds') this.note(loop, { type: 'loop_break', rounds: item.index + 1 });
      }
      run.markDirty();
      this.pump(loop);
    });
  }

  /** Starts items (rounds) up to the concurrency limit; ends the loop when none is left. */
  private pump(loop: LoopState): void {
    const run = this.run;
    const parent = run.scope(loop.scopeId);
    if (!parent) return;
    const items = this.itemsOf(loop);
    const port = loop.kind === 'rounds' ? 'body' : 'item';
    const body = run.step(loop.stepId)?.transitions[port] ?? [];
    while (!loop.abort && !loop.broken && loop.running.length < loop.concurrency && loop.next < loop.total) {
      const item: LoopItem = { index: loop.next++ };
      loop.running.push(item);
      const scope = itemScope(parent, loop, item, items[item.index]);
      run.addScope(scope);
      if (loop.kind === 'rounds') this.note(loop, { type: 'loop_round', round: item.index + 1 });
      this.flow.activateAll(body, loop.stepId, scope, loop.key);
      if (scope.live === 0 && scope.pendingJoins === 0) this.itemDone(scope, 'succeeded', undefined, false);
    }
    if (loop.running.length === 0 && (loop.abort || loop.broken || loop.next >= loop.total)) this.finish(loop);
  }

  /** All items are over: the for-each completes with one entry per item, in item order. */
  private finish(loop: LoopState): void {
    this.loops.delete(loop.key);
    const token = this.run.token(loop.key);
    if (!token) return;
    delete token.wait;
    if (loop.abort) return this.flow.failOrRoute(token, loop.abort);
    if (loop.kind === 'rounds') return this.finishRounds(loop, token);
    if (loop.broken) return this.flow.complete(token, 'succeeded', { broken: true, processed: loop.next }, 'done');
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

  /**
   * A loop leaves by `done` when its condition held, else by `max_reached`; with nothing
   * connected there, reaching the bound fails the step (kind `loop_bound`).
   */
  private finishRounds(loop: LoopState, token: Token): void {
    const rounds = loop.next;
    const reason = loop.broken ? 'condition' : 'max_reached';
    this.note(loop, { type: 'loop_exit', reason, rounds });
    if (reason === 'condition') return this.flow.complete(token, 'succeeded', { rounds, reason }, 'done');
    if ((this.run.step(loop.stepId)?.transitions['max_reached']?.length ?? 0) > 0) {
      return this.flow.complete(token, 'succeeded', { rounds, reason }, 'max_reached');
    }
    const message = `loop "${loop.stepId}" reached its maximum of ${loop.total} rounds without its condition holding (bound reached after ${rounds} rounds)`;
    this.flow.failOrRoute(token, stepError('loop_bound', message, { retryable: false }));
  }

  private note(loop: LoopState, event: Omit<TraceEvent, 'at'>): void {
    const attempt = this.run.trace.currentOf(loop.key);
    if (attempt) this.run.trace.note(attempt, event);
  }

  private itemsOf(loop: LoopState): unknown[] {
    if (loop.kind === 'rounds') return [];
    const items = this.run.result(`${loop.key}#items`)?.output;
    return Array.isArray(items) ? items : [];
  }

  private put(r: Omit<StepResult, 'seq' | 'at'>): void {
    this.run.addResult({ ...r, seq: this.run.nextSeq(), at: this.run.now() });
  }
}
