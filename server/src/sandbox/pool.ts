/**
 * Expression evaluation off the main thread, in a pool of sandbox processes. The event
 * loop only sends inputs and receives results, so no expression — an endless loop, a
 * string doubled to gigabytes, a huge range — can stall the API:
 * - a task's deadline starts when a process takes it (time waiting in the queue is not
 *   charged); past `timeoutMs + graceMs` the process is killed and replaced, and the step
 *   fails with kind `expression`;
 * - each process has a capped heap; running out kills only that process;
 * - each run has a budget of expression time; once spent, the next evaluation fails
 *   with `budget_exceeded` (the engine names the step);
 * - results larger than `maxResultBytes` of JSON fail with `output_too_large`.
 *
 * Why processes and not worker threads (piscina/tinypool): measured here, a worker thread
 * whose single string allocation passes its `resourceLimits` inside JSON.stringify aborts
 * the whole process with a V8 fatal error; only a process boundary contains that.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { stepError, StepFailure, type StepError } from '../engine/errors';
import {
  budgetError,
  type ExpressionBudget,
  type ExpressionCall,
  type ExpressionEvaluator,
} from '../engine/expressions';
import { isBoundedExpression, isBoundedParams, isBoundedTemplate } from './bounded';
import { workerBundle } from './bundle';
import { createTaskRunner } from './evaluate-task';
import type { ChildMessage, ExpressionAnswer, ExpressionTask, ParentMessage, WorkerSettings } from './protocol';

export interface ExpressionPoolOptions {
  /** Sandbox processes. @default min(2, cores) */
  processes?: number;
  /** One expression's limit. @default 1000 */
  timeoutMs?: number;
  /** @default 500 */
  maxDepth?: number;
  /** @default 1 MiB */
  maxResultBytes?: number;
  /** Heap of each process (`--max-old-space-size`). @default 256 */
  maxHeapMb?: number;
  /** Added to a task's limit before its process is killed (JSONata's own check usually fires first). @default 250 */
  graceMs?: number;
  /** Told when a sandbox process dies or is killed (one line for the log). */
  onIncident?: (message: string) => void;
  /**
   * Runs expressions whose cost is bounded by their size and their input's (./bounded.ts:
   * no function calls, ranges, regexes, …) in this thread, with the same limits and result
   * cap, instead of a round trip to a sandbox process. @default true
   */
  boundedInThread?: boolean;
}

export interface ExpressionPool extends ExpressionEvaluator {
  /** Processes started and ready now. */
  readonly ready: number;
  close(): Promise<void>;
}

interface Pending {
  task: ExpressionTask;
  /** Times it was sent to a process that was already gone. */
  tries?: number;
  what: string;
  limitMs: number;
  resolve(answer: ExpressionAnswer): void;
  reject(error: StepError): void;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  busy?: { id: number; pending: Pending; timer: NodeJS.Timeout };
  stderr: string;
}

/** Builds the sandbox bundle, then starts the pool with every process ready. */
export async function startExpressionPool(options: ExpressionPoolOptions = {}): Promise<ExpressionPool> {
  const pool = new SandboxPool(fileURLToPath(await workerBundle()), options);
  await pool.started();
  return pool;
}

class SandboxPool implements ExpressionPool {
  private readonly settings: WorkerSettings;
  private readonly size: number;
  private readonly maxHeapMb: number;
  private readonly graceMs: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextId = 1;
  private closed = false;
  private readonly inThread: ((task: ExpressionTask) => Promise<ExpressionAnswer>) | undefined;

  constructor(
    private readonly file: string,
    private readonly options: ExpressionPoolOptions,
  ) {
    this.settings = {
      timeoutMs: options.timeoutMs ?? 1_000,
      maxDepth: options.maxDepth ?? 500,
      maxResultBytes: options.maxResultBytes ?? 1024 * 1024,
    };
    this.size = Math.max(1, options.processes ?? Math.min(2, availableParallelism()));
    this.maxHeapMb = options.maxHeapMb ?? 256;
    this.graceMs = options.graceMs ?? 250;
    this.inThread = options.boundedInThread === false ? undefined : createTaskRunner(this.settings);
    for (let i = 0; i < this.size; i++) this.spawn();
  }

  get ready(): number {
    return [...this.slots].filter((s) => s.ready).length;
  }

  /** Resolves once every process has said `ready`. */
  started(): Promise<void> {
    if (this.ready >= this.size) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  evaluate(source: string, input: unknown, call?: ExpressionCall): Promise<unknown> {
    const task: ExpressionTask = { op: 'evaluate', source, input: sendable(input), now: call?.now ?? Date.now() };
    return this.run(task, source, call?.budget);
  }

  render(template: string, input: unknown, call?: ExpressionCall): Promise<unknown> {
    // Plain text renders to itself (as in `Expressions.render`): no round trip to a sandbox.
    if (!template.includes('{{')) return Promise.resolve(template);
    const task: ExpressionTask = { op: 'render', template, input: sendable(input), now: call?.now ?? Date.now() };
    return this.run(task, template, call?.budget);
  }

  renderParams(value: unknown, skip: ReadonlySet<string>, input: unknown, call?: ExpressionCall): Promise<unknown> {
    // Params without any template (most connector and http steps' fixed fields) render to a
    // copy of themselves: no IPC (measured: 0.8 ms of a worker's CPU per run for two http steps).
    if (!JSON.stringify(value ?? null).includes('{{')) return Promise.resolve(structuredClone(value));
    const now = call?.now ?? Date.now();
    const task: ExpressionTask = { op: 'renderParams', value, skip: [...skip], input: sendable(input), now };
    return this.run(task, 'params', call?.budget);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(stepError('cancelled', 'the expression sandbox is shutting down'));
    await Promise.all(
      [...this.slots].map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
            s.child.once('exit', () => resolve());
            s.child.kill('SIGKILL');
          }),
      ),
    );
  }

  private async run(task: ExpressionTask, what: string, budget: ExpressionBudget | undefined): Promise<unknown> {
    if (budget && budget.spentMs >= budget.limitMs) throw new StepFailure(budgetError(budget));
    const limitMs = Math.min(this.settings.timeoutMs, budget ? budget.limitMs - budget.spentMs : Infinity);
    const answer = await (this.inThread && bounded(task)
      ? this.inThread(task)
      : this.inSandbox(task, what, limitMs, budget));
    if (budget) {
      budget.spentMs += answer.ms;
      // A failure (JSONata's own time check) once the budget is gone is the budget's doing.
      if (!answer.ok && budget.spentMs >= budget.limitMs) throw new StepFailure(budgetError(budget));
    }
    if (!answer.ok) throw new StepFailure(answer.error);
    return answer.value;
  }

  private inSandbox(task: ExpressionTask, what: string, limitMs: number, budget: ExpressionBudget | undefined) {
    return new Promise<ExpressionAnswer>((resolve, reject) => {
      if (this.closed) return reject(new StepFailure(stepError('cancelled', 'the expression sandbox is closed')));
      this.queue.push({ task, what, limitMs, resolve, reject: (e) => reject(new StepFailure(e)) });
      this.dispatch();
    }).catch((e: unknown) => {
      // A killed task charges its whole limit: it ran that long.
      if (budget && e instanceof StepFailure && e.error.kind === 'expression') budget.spentMs += limitMs;
      if (budget && budget.spentMs >= budget.limitMs) throw new StepFailure(budgetError(budget));
      throw e;
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.busy || !slot.child.connected) continue;
      const pending = this.queue.shift();
      if (!pending) return;
      const id = this.nextId++;
      const timer = setTimeout(() => this.expire(slot), pending.limitMs + this.graceMs);
      slot.busy = { id, pending, timer };
      this.post(slot, { type: 'task', id, task: pending.task });
    }
  }

  /**
   * Sends to a process. One that died before its `exit` event arrived cannot take it:
   * a task sent there never started, so it goes back to the head of the queue (a few
   * times: a task no process can take fails rather than cycling through processes). A
   * task that cannot be serialized fails at once; the process is fine and stays.
   */
  private post(slot: Slot, m: ParentMessage): void {
    const undeliverable = () => {
      const busy = slot.busy;
      slot.busy = undefined;
      if (busy) {
        clearTimeout(busy.timer);
        busy.pending.tries = (busy.pending.tries ?? 0) + 1;
        if (busy.pending.tries >= MAX_DELIVERIES) {
          busy.pending.reject(stepError('expression', `no sandbox process could take "${clip(busy.pending.what)}"`));
        } else this.queue.unshift(busy.pending);
      }
      this.retire(slot);
      this.dispatch();
    };
    if (!slot.child.connected) return undeliverable();
    try {
      slot.child.send(m, (error) => {
        if (error && slot.busy && m.type === 'task' && slot.busy.id === m.id) undeliverable();
      });
    } catch (e) {
      if (e instanceof Error && (e.name === 'DataCloneError' || /could not be cloned/.test(e.message)) && slot.busy) {
        const { pending, timer } = slot.busy;
        clearTimeout(timer);
        slot.busy = undefined;
        pending.reject(stepError('expression', `the input of "${clip(pending.what)}" cannot be passed to the sandbox`));
        return this.dispatch();
      }
      undeliverable();
    }
  }

  private expire(slot: Slot): void {
    const busy = slot.busy;
    if (!busy) return;
    slot.busy = undefined;
    busy.pending.reject(
      stepError(
        'expression',
        `expression ran longer than ${busy.pending.limitMs} ms and was stopped in "${clip(busy.pending.what)}"`,
      ),
    );
    this.options.onIncident?.(`expression sandbox: killed a process after ${busy.pending.limitMs} ms`);
    this.retire(slot);
  }

  /** A process died on its own (out of memory, crash). */
  private lost(slot: Slot, why: string): void {
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.pending.reject(stepError('expression', `${why} in "${clip(busy.pending.what)}"`));
    }
    this.retire(slot);
  }

  private retire(slot: Slot): void {
    if (!this.slots.delete(slot)) return;
    slot.child.removeAllListeners('exit');
    slot.child.kill('SIGKILL');
    if (!this.closed) this.spawn();
  }

  private spawn(): void {
    const child = fork(this.file, [], {
      execArgv: [`--max-old-space-size=${this.maxHeapMb}`, '--max-semi-space-size=16'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { child, ready: false, stderr: '' };
    this.slots.add(slot);
    // Keep only the head of a fatal error's native dump.
    child.stderr?.on('data', (d: Buffer) => {
      if (slot.stderr.length < 2_000) slot.stderr += d.toString('utf8');
    });
    child.on('message', (m: ChildMessage) => this.onMessage(slot, m));
    child.on('error', () => undefined);
    child.once('exit', (code, signal) => {
      if (this.closed) return;
      const oom = /heap out of memory|Reached heap limit/i.test(slot.stderr);
      const why = oom
        ? `expression needed more than the ${this.maxHeapMb} MB memory limit`
        : `the expression sandbox process ended (${signal ?? `exit ${code}`})`;
      this.options.onIncident?.(`expression sandbox: ${why}`);
      this.lost(slot, why);
    });
    child.send({ type: 'settings', settings: this.settings } satisfies ParentMessage, () => undefined);
  }

  private onMessage(slot: Slot, m: ChildMessage): void {
    if (m.type === 'ready') {
      slot.ready = true;
      if (this.ready >= this.size) for (const w of this.waiters.splice(0)) w();
    } else if (slot.busy?.id === m.id) {
      const { pending, timer } = slot.busy;
      clearTimeout(timer);
      slot.busy = undefined;
      pending.resolve(m.answer);
    }
    this.dispatch();
  }
}

/** Deliveries of one task to processes that turned out to be gone, before it fails. */
const MAX_DELIVERIES = 3;

/**
 * The input as plain data a structured clone can carry: an item of a for-each sees
 * `steps` through a proxy layering its own outputs over the enclosing scope's (see
 * engine/scope.ts), which the clone algorithm refuses; a spread reads it through.
 */
function sendable(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !('steps' in input)) return input;
  const { steps } = input;
  return typeof steps === 'object' && steps !== null ? { ...input, steps: { ...steps } } : input;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Whether every expression of a task is of the bounded kind (./bounded.ts). */
function bounded(task: ExpressionTask): boolean {
  switch (task.op) {
    case 'evaluate':
      return isBoundedExpression(task.source);
    case 'render':
      return isBoundedTemplate(task.template);
    case 'renderParams':
      return isBoundedParams(task.value);
  }
}
