import { FORMAT_VERSION, gatewayParams, WorkflowDocument } from '@autonomic/workflow';
import {
  createEngine,
  createVirtualClock,
  MemoryRunStore,
  pathOf,
  seededRandom,
  type Clock,
  type EffectRequest,
  type EffectResult,
  type EffectsPort,
  type EngineOptions,
  type VirtualClock,
} from '../../src/engine';

/** Test fixtures for engine tests: documents in a few lines, a recording effects port, an engine on fakes. */

type Ports = Record<string, string | string[]>;

/** A step as written in a test: type, params, and `port: next` transitions. */
export function step(
  type: string,
  params: Record<string, unknown>,
  to: Ports = {},
  extra: Record<string, unknown> = {},
) {
  const transitions = Object.fromEntries(Object.entries(to).map(([p, t]) => [p, Array.isArray(t) ? t : [t]]));
  return { type, params, transitions, ...extra };
}

export const transform = (expression: string, to: Ports = {}, extra: Record<string, unknown> = {}) =>
  step('transform', { expression }, to, extra);

export const get = (url: string, to: Ports = {}, extra: Record<string, unknown> = {}) =>
  step('http', { method: 'GET', url }, to, extra);

export const post = (url: string, to: Ports = {}, extra: Record<string, unknown> = {}) =>
  step('http', { method: 'POST', url, body: '{{ $string(event) }}' }, to, extra);

/** A gateway block_ip step (what a block-ip step became in format 2). */
export const blockIp = (ip: string, to: Ports = {}) =>
  step('connector', gatewayParams('block_ip', { ip, reason: 'seen in alert', path: '/block' }), to);

/** A gateway notify step on the `notify-slack` credential. */
export const notify = (message: string, to: Ports = {}) =>
  step('connector', gatewayParams('notify', { text: message, to: '#soc', message }, 'notify-slack'), to);

/** A parsed document: trigger `start` → `entry`. */
export function workflow(entry: string | string[], steps: Record<string, unknown>, vars: Record<string, unknown> = {}) {
  return WorkflowDocument.parse({
    formatVersion: FORMAT_VERSION,
    metadata: { name: 'test' },
    trigger: {
      id: 'start',
      type: 'trigger.manual',
      params: {},
      transitions: { out: Array.isArray(entry) ? entry : [entry] },
    },
    steps,
    vars,
  });
}

type Handler = (req: EffectRequest) => Promise<EffectResult> | EffectResult;

/** An effects port that records every call and answers per step id (default: `{ step: <key> }`). */
export class FakeEffects implements EffectsPort {
  readonly calls: EffectRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(readonly handlers: Record<string, Handler> = {}) {}

  async perform(req: EffectRequest): Promise<EffectResult> {
    this.calls.push(req);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const h = this.handlers[req.stepId];
      return h ? await h(req) : { ok: true, output: { step: req.stepKey } };
    } finally {
      this.inFlight--;
    }
  }

  keys(stepId?: string): string[] {
    return this.calls.filter((c) => stepId === undefined || c.stepId === stepId).map((c) => c.stepKey);
  }
}

/** Answers after `ms` on the given clock (a virtual one moves instantly), unless aborted first. */
export async function later(clock: Clock, ms: number, req: EffectRequest, result: EffectResult): Promise<EffectResult> {
  await clock.sleep(ms, req.signal);
  if (req.signal.aborted) throw new Error('aborted');
  return result;
}

/** A promise that never settles: an effect that hangs (until its signal aborts, if it listens). */
export const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

export const T0 = 1_000_000;

/**
 * An engine on a memory store and, by default, an auto-advancing virtual clock: waits
 * and timeouts pass instantly. `build()` makes another engine on the same store and
 * clock, which is what a process restart looks like.
 */
export function harness(opts: Partial<EngineOptions> & { clock?: VirtualClock; effects?: EffectsPort } = {}) {
  const store = opts.store instanceof MemoryRunStore ? opts.store : new MemoryRunStore();
  const clock = opts.clock ?? createVirtualClock({ start: T0, auto: true });
  const effects = opts.effects ?? new FakeEffects();
  const build = (more: Partial<EngineOptions> = {}) =>
    createEngine({ random: seededRandom(7), ...opts, store, clock, effects, ...more });
  return { engine: build(), build, store, clock, effects };
}

/** The run as stored: path, results by key, attempts. */
export async function inspect(store: MemoryRunStore, runId: string) {
  const stored = await store.load(runId);
  if (!stored) throw new Error(`no run ${runId}`);
  return {
    ...stored,
    path: pathOf(stored.results),
    result: (key: string) => stored.results.find((r) => r.key === key),
    attemptsOf: (key: string) => stored.attempts.filter((a) => a.stepKey === key).sort((a, b) => a.attempt - b.attempt),
  };
}

/** Lets pending promise callbacks and immediates run. */
export const settle = () => new Promise<void>((r) => setImmediate(r));
