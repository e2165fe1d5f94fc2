import { RetryPolicy } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createVirtualClock, retryDelayMs, seededRandom, type EffectResult } from '../../src/engine';
import { FakeEffects, get, harness, inspect, never, T0, workflow } from './harness';

const fail = (kind: 'http_5xx' | 'http_4xx' | 'http_429', retryable: boolean): EffectResult => ({
  ok: false,
  error: { kind, message: `${kind}!`, retryable },
});

/** start → lookup (GET, with the given retry policy and timeout) */
const lookupDoc = (extra: Record<string, unknown>) =>
  workflow('lookup', { lookup: get('https://intel.example', {}, extra) });

describe('engine: retries and timeouts', () => {
  it('when a retryable error repeats then the step is retried with the policy backoff and every attempt is recorded', async () => {
    const seen: number[] = [];
    const { engine, store, clock, effects } = harness({
      effects: new FakeEffects({
        lookup: (req) => {
          seen.push(clock.now());
          return req.attempt < 3 ? fail('http_5xx', true) : { ok: true, output: 'third time' };
        },
      }),
    });
    const retry = { maxAttempts: 3, initialDelayMs: 500, multiplier: 2, jitter: 0 };

    const run = await engine.start(lookupDoc({ retry }), {});

    expect(run.status).toBe('succeeded');
    expect(seen.map((t) => t - T0)).toEqual([0, 500, 1_500]);
    const attempts = (await inspect(store, run.runId)).attemptsOf('lookup');
    expect(attempts.map((a) => [a.attempt, a.status, a.retryInMs])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 1_000],
      [3, 'succeeded', undefined],
    ]);
    expect((effects as FakeEffects).calls.map((c) => c.idempotencyKey.split(':').slice(1))).toEqual([
      ['lookup', '1'],
      ['lookup', '2'],
      ['lookup', '3'],
    ]);
  });

  it('when the error is not retryable then there is one attempt, whatever the policy', async () => {
    const effects = new FakeEffects({ lookup: () => fail('http_4xx', false) });
    const { engine } = harness({ effects });

    const run = await engine.start(lookupDoc({ retry: { maxAttempts: 5, initialDelayMs: 10 } }), {});

    expect(run.status).toBe('failed');
    expect(effects.calls).toHaveLength(1);
  });

  it('when the error kind is not in retryOn then it is not retried', async () => {
    const effects = new FakeEffects({ lookup: () => fail('http_5xx', true) });
    const { engine } = harness({ effects });

    await engine.start(lookupDoc({ retry: { maxAttempts: 5, initialDelayMs: 10, retryOn: ['http_429'] } }), {});

    expect(effects.calls).toHaveLength(1);
  });

  it('when attempts run out then the run fails with the last error', async () => {
    const effects = new FakeEffects({ lookup: () => fail('http_429', true) });
    const { engine } = harness({ effects });

    const run = await engine.start(lookupDoc({ retry: { maxAttempts: 2, initialDelayMs: 10 } }), {});

    expect(run.error).toMatchObject({ kind: 'http_429', stepId: 'lookup' });
    expect(effects.calls).toHaveLength(2);
  });

  it('when a backoff is longer than the inline limit then the run waits in the store and resumes at wakeAt', async () => {
    const clock = createVirtualClock({ start: T0 });
    const effects = new FakeEffects({
      lookup: (req) => (req.attempt === 1 ? fail('http_5xx', true) : { ok: true, output: 1 }),
    });
    const { engine } = harness({ effects, clock });
    const retry = { maxAttempts: 2, initialDelayMs: 60_000, jitter: 0 };

    const waiting = await engine.start(lookupDoc({ retry }), {});
    expect(waiting).toMatchObject({ status: 'waiting', wakeAt: T0 + 60_000 });
    expect(effects.calls).toHaveLength(1);

    clock.set(T0 + 60_000);
    const [resumed] = await engine.wakeDue();

    expect(resumed?.status).toBe('succeeded');
    expect(effects.calls.map((c) => c.attempt)).toEqual([1, 2]);
  });

  it('when an effect does not answer within the step timeout then it is aborted and fails with kind timeout', async () => {
    const effects = new FakeEffects({ lookup: () => never() });
    const { engine, clock } = harness({ effects });

    const run = await engine.start(lookupDoc({ timeout: '5s' }), {});

    expect(run.error).toMatchObject({ kind: 'timeout', stepId: 'lookup' });
    expect(effects.calls[0]?.signal.aborted).toBe(true);
    expect(clock.now() - T0).toBe(5_000);
  });

  it('when a timed-out attempt is retried then the next attempt gets a fresh timeout', async () => {
    const effects = new FakeEffects({ lookup: (req) => (req.attempt === 1 ? never() : { ok: true, output: 'ok' }) });
    const { engine } = harness({ effects });

    const run = await engine.start(lookupDoc({ timeout: '1s', retry: { maxAttempts: 2, initialDelayMs: 100 } }), {});

    expect(run.status).toBe('succeeded');
    expect(effects.calls.map((c) => c.signal.aborted)).toEqual([true, false]);
  });
});

describe('retryDelayMs', () => {
  const policy = (p: Partial<RetryPolicy>) =>
    RetryPolicy.parse({ initialDelayMs: 1_000, multiplier: 3, maxDelayMs: 20_000, ...p });

  it('when there is no jitter then delays grow by the multiplier up to the maximum', () => {
    const r = seededRandom(1);
    expect([2, 3, 4, 5].map((n) => retryDelayMs(policy({ jitter: 0 }), n, r))).toEqual([1_000, 3_000, 9_000, 20_000]);
  });

  it('when there is jitter then the delay is spread by ±jitter using the Random port', () => {
    expect(retryDelayMs(policy({ jitter: 0.5 }), 3, { next: () => 0 })).toBe(1_500);
    expect(retryDelayMs(policy({ jitter: 0.5 }), 3, { next: () => 0.5 })).toBe(3_000);
    const a = [2, 3, 4].map((n) => retryDelayMs(policy({ jitter: 0.2 }), n, seededRandom(42)));
    const b = [2, 3, 4].map((n) => retryDelayMs(policy({ jitter: 0.2 }), n, seededRandom(42)));
    expect(a).toEqual(b);
  });
});
