import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord, EffectResult, EffectsPort } from '../../src/engine';
import { FakeEffects, get, harness, inspect, later, step, transform, workflow } from './harness';

/**
 * start → fan ─→ each (event.ips, 3 at a time) ─item→ lookup (GET) → risky? ─true→ flag
 *             │                                └done→ j
 *             └→ whois (GET) ────────────────────────→ j (all) → decide (switch on the flagged count)
 */
const doc = workflow('fan', {
  fan: step('parallel', {}, { branches: ['each', 'whois'] }),
  each: step('foreach', { items: 'event.ips', concurrency: 3, onItemError: 'continue' }, { item: 'lookup', done: 'j' }),
  lookup: get('https://intel.example/{{ item }}', { out: 'risky' }, { retry: { maxAttempts: 2, initialDelayMs: 10 } }),
  risky: step('condition', { predicate: 'steps.lookup.output.score > 50' }, { true: 'flag' }),
  flag: transform('item'),
  whois: get('https://whois.example', { out: 'j' }),
  j: step('join', { mode: 'all' }, { out: 'decide' }),
  decide: step(
    'switch',
    { value: '$count(steps.each.output[output = item])', cases: [{ port: 'none', equals: 0 }] },
    { none: 'close', default: 'escalate' },
  ),
  close: transform('"closed"'),
  escalate: transform('"escalated"'),
});

/** Answers from a run's recorded attempts, by idempotency key. */
function replayOf(attempts: AttemptRecord[]): EffectsPort {
  const byKey = new Map(
    attempts.filter((a) => a.idempotencyKey).map((a) => [a.idempotencyKey?.split(':').slice(1).join(':'), a]),
  );
  return {
    perform: async (req) => {
      const a = byKey.get(req.idempotencyKey.split(':').slice(1).join(':'));
      if (!a) throw new Error(`no recorded attempt for ${req.idempotencyKey}`);
      return a.error ? { ok: false, error: a.error } : { ok: true, output: a.output };
    },
  };
}

/** What a run decided: per step key, the port it took and its output. */
async function decisions(store: Parameters<typeof inspect>[0], runId: string) {
  const r = await inspect(store, runId);
  const steps = r.results.filter((x) => x.kind === 'step').map((x) => [x.key, x.port, x.output] as const);
  return { status: r.state.status, steps: steps.sort((a, b) => a[0].localeCompare(b[0])), path: r.path };
}

describe('engine: determinism', () => {
  it('when a run is replayed from its recorded results then it takes the same path', async () => {
    const scores: Record<string, number> = { a: 10, b: 90, c: 60, d: 5, e: 51 };
    const recorded = harness();
    const clock = recorded.clock;
    (recorded.effects as FakeEffects).handlers.lookup = (req): Promise<EffectResult> | EffectResult => {
      const ip = String(req.params.url).split('/').pop() ?? '';
      if (ip === 'c' && req.attempt === 1)
        return { ok: false, error: { kind: 'network', message: 'reset', retryable: true } };
      return later(clock, 10 + ip.charCodeAt(0), req, { ok: true, output: { score: scores[ip] } });
    };
    const run = await recorded.engine.start(doc, { ips: Object.keys(scores) }, { runId: 'original' });
    const original = await decisions(recorded.store, 'original');
    expect(original.status).toBe('succeeded');
    expect(original.steps.find(([k]) => k === 'decide')?.[1]).toBe('default');

    const replay = harness({ effects: replayOf((await inspect(recorded.store, run.runId)).attempts) });
    await replay.engine.start(doc, { ips: Object.keys(scores) }, { runId: 'original' });
    const again = await decisions(replay.store, 'original');

    expect(again.steps).toEqual(original.steps);
    expect(again.path.filter((k) => !k.includes('['))).toEqual(original.path.filter((k) => !k.includes('[')));
  });

  it('when any run is replayed from its record then every decision is the same (property)', async () => {
    const outcome = fc.oneof(
      fc.record({ ok: fc.constant(true as const), output: fc.record({ score: fc.integer({ min: 0, max: 100 }) }) }),
      fc.constant({ ok: false as const, error: { kind: 'http_5xx' as const, message: 'down', retryable: true } }),
      fc.constant({ ok: false as const, error: { kind: 'http_4xx' as const, message: 'no', retryable: false } }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(outcome, { minLength: 0, maxLength: 6 }),
        fc.array(fc.nat(50), { minLength: 6, maxLength: 6 }),
        async (answers, delays) => {
          const recorded = harness();
          const fx = recorded.effects as FakeEffects;
          fx.handlers.lookup = (req) => {
            const i = req.itemIndex ?? 0;
            return later(
              recorded.clock,
              delays[i] ?? 0,
              req,
              answers[(i + req.attempt) % Math.max(1, answers.length)] ?? { ok: true, output: { score: 0 } },
            );
          };
          const event = { ips: answers.map((_, i) => `ip${i}`) };
          await recorded.engine.start(doc, event, { runId: 'r' });
          const replay = harness({ effects: replayOf((await inspect(recorded.store, 'r')).attempts) });
          await replay.engine.start(doc, event, { runId: 'r' });
          expect(await decisions(replay.store, 'r')).toMatchObject({
            status: (await decisions(recorded.store, 'r')).status,
            steps: (await decisions(recorded.store, 'r')).steps,
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
