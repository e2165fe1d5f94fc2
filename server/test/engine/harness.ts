import { WorkflowDocument } from '@autonomic/workflow';
import {
  createEngine,
  createVirtualClock,
  MemoryRunStore,
  seededRandom,
  type EffectRequest,
  type EffectResult,
  type EffectsPort,
  type EngineOptions,
  type VirtualClock,
} from '../../src/engine';

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

export const transform = (expression: string, out?: string, extra: Record<string, unknown> = {}) =>
  step('transform', { expression }, out ? { out } : {}, extra);

export const get = (url: string, to: Ports = {}, extra: Record<string, unknown> = {}) =>
  step('http', { method: 'GET', url }, to, extra);

export const post = (url: string, to: Ports = {}, extra: Record<string, unknown> = {}) =>
  step('http', { method: 'POST', url, body: '{{ $string(event) }}' }, to, extra);

export const blockIp = (ip: string, to: Ports = {}) =>
  step('block-ip', { ip, reason: 'test', endpoint: { url: 'https://fw.example/block' } }, to);

/** A parsed document: trigger `start` → `entry`. */
export function workflow(entry: string | string[], steps: Record<string, unknown>, vars: Record<string, unknown> = {}) {
  return WorkflowDocument.parse({
    formatVersion: 1,
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

/** An effects port that records every call and answers per step id (default: `{ ok, step }`). */
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
      return h ? await h(req) : { ok: true, output: { ok: true, step: req.stepKey } };
    } finally {
      this.inFlight--;
    }
  }

  callsTo(stepId: string): EffectRequest[] {
    return this.calls.filter((c) => c.stepId === stepId);
  }
}

/** Resolves after `ms` of real time, or rejects when the request is aborted. */
export function after<T>(ms: number, req: EffectRequest, value: T): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve(value), ms);
    req.signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });
}

/** An engine on a memory store and an auto-advancing virtual clock (timeouts and waits pass instantly). */
export function harness(opts: Partial<EngineOptions> & { clock?: VirtualClock; effects?: EffectsPort } = {}) {
  const store = opts.store instanceof MemoryRunStore ? opts.store : new MemoryRunStore();
  const clock = opts.clock ?? createVirtualClock({ start: 1_000_000, auto: true });
  const effects = opts.effects ?? new FakeEffects();
  const build = () => createEngine({ random: seededRandom(7), ...opts, store, clock, effects });
  return { engine: build(), build, store, clock, effects };
}
