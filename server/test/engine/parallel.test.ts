import { describe, expect, it } from 'vitest';
import { FakeEffects, get, harness, inspect, later, never, step, transform, workflow } from './harness';

describe('engine: parallel and join', () => {
  it('when all branches arrive then an `all` join runs once with every branch output', async () => {
    // start → fan ─→ a (GET, 30 ms) ─→ j (all) → after
    //             └→ b (GET, 10 ms) ─┘
    const { engine, store, clock } = harness({
      effects: new FakeEffects({
        a: (req) => later(clock, 30, req, { ok: true, output: 'A' }),
        b: (req) => later(clock, 10, req, { ok: true, output: 'B' }),
      }),
    });
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['a', 'b'] }),
      a: get('https://a.example', { out: 'j' }),
      b: get('https://b.example', { out: 'j' }),
      j: step('join', { mode: 'all' }, { out: 'after' }),
      after: transform('steps.j.output'),
    });

    const run = await engine.start(doc, {});

    const r = await inspect(store, run.runId);
    expect(run.status).toBe('succeeded');
    expect(r.path).toEqual(['fan', 'b', 'a', 'j', 'after']);
    expect(r.result('after')?.output).toEqual({ b: 'B', a: 'A' });
    expect(r.attemptsOf('j')).toHaveLength(1);
  });

  it('when a branch takes another path then an `all` join does not wait for it', async () => {
    // start → fan ─→ a ──────────────→ j (all) → after
    //             └→ check ─true→ b ──┘
    //                      └false→ other (ends there)
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['a', 'check'] }),
      a: transform('"A"', { out: 'j' }),
      check: step('condition', { predicate: 'false' }, { true: 'b', false: 'other' }),
      b: transform('"B"', { out: 'j' }),
      other: transform('"elsewhere"'),
      j: step('join', { mode: 'all' }, { out: 'after' }),
      after: transform('steps.j.output'),
    });
    const { engine, store } = harness();

    const run = await engine.start(doc, {});

    const r = await inspect(store, run.runId);
    expect(run.status).toBe('succeeded');
    expect(r.result('after')?.output).toEqual({ a: 'A' });
    expect(r.path).toContain('other');
    expect(r.path).not.toContain('b');
  });

  it('when a branch errors into its error port then the `all` join continues with the others', async () => {
    // start → fan ─→ a ─────────────→ j (all) → after
    //             └→ b ─error→ log (ends there)
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['a', 'b'] }),
      a: get('https://a.example', { out: 'j' }),
      b: get('https://b.example', { out: 'j', error: 'log' }),
      log: transform('steps.b.output.error.message'),
      j: step('join', { mode: 'all' }, { out: 'after' }),
      after: transform('$keys(steps.j.output)'),
    });
    const effects = new FakeEffects({
      b: () => ({ ok: false, error: { kind: 'http_5xx', message: 'down', retryable: true } }),
    });
    const { engine, store } = harness({ effects });

    const run = await engine.start(doc, {});

    const r = await inspect(store, run.runId);
    expect(run.status).toBe('succeeded');
    expect(r.result('log')?.output).toBe('down');
    expect(r.result('after')?.output).toBe('a');
  });

  it('when a branch errors without an error port then the run fails and the other branch is cancelled', async () => {
    // start → fan ─→ a (hangs) ─→ j (all)
    //             └→ b (fails) ─┘
    const effects = new FakeEffects({
      a: () => never(),
      b: () => ({ ok: false, error: { kind: 'http_4xx', message: 'no', retryable: false } }),
    });
    const { engine, store } = harness({ effects });
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['a', 'b'] }),
      a: get('https://a.example', { out: 'j' }),
      b: get('https://b.example', { out: 'j' }),
      j: step('join', { mode: 'all' }),
    });

    const run = await engine.start(doc, {});

    expect(run).toMatchObject({ status: 'failed', error: { stepId: 'b', kind: 'http_4xx' } });
    expect((await inspect(store, run.runId)).attemptsOf('a')[0]?.status).toBe('cancelled');
  });

  it('when the first branch arrives at an `any` join then it continues and the others are cancelled', async () => {
    // start → fan ─→ fast (10 ms) ─→ j (any) → after
    //             └→ slow (1 h) ──┘
    const { engine, store, clock } = harness({
      effects: new FakeEffects({
        fast: (req) => later(clock, 10, req, { ok: true, output: 'fast' }),
        slow: (req) => later(clock, 3_600_000, req, { ok: true, output: 'slow' }),
      }),
    });
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['fast', 'slow'] }),
      fast: get('https://fast.example', { out: 'j' }),
      slow: get('https://slow.example', { out: 'j' }, { timeout: '2h' }),
      j: step('join', { mode: 'any' }, { out: 'after' }),
      after: transform('steps.j.output'),
    });
    const t0 = clock.now();

    const run = await engine.start(doc, {});

    const r = await inspect(store, run.runId);
    expect(run.status).toBe('succeeded');
    expect(r.result('after')?.output).toEqual({ fast: 'fast' });
    expect(r.attemptsOf('slow')[0]?.status).toBe('cancelled');
    expect(r.path).toEqual(['fan', 'fast', 'j', 'after']);
    expect(clock.now() - t0).toBeLessThan(1_000);
  });
});
