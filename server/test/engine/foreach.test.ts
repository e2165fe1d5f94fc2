import { describe, expect, it } from 'vitest';
import { FakeEffects, get, harness, inspect, later, step, transform, workflow } from './harness';

/**
 * start → each (items) ─item→ lookup (GET /{{ item }}) → score (lookup's output for this item) ─→ back to each
 *                      └done→ summary
 */
function loopDoc(params: Record<string, unknown>) {
  return workflow('each', {
    each: step('foreach', { items: 'event.ips', ...params }, { item: 'lookup', done: 'summary' }),
    lookup: get('https://intel.example/{{ item }}', { out: 'score' }),
    score: transform('{ "ip": item, "index": index, "from": steps.lookup.output.ip }', { out: 'each' }),
    summary: transform('$count(steps.each.output)'),
  });
}

describe('engine: for-each', () => {
  it('when items run with a concurrency limit then at most that many are in flight, and outputs keep item order', async () => {
    const ips = Array.from({ length: 12 }, (_, i) => `10.0.0.${i}`);
    const { engine, store, clock } = harness({
      effects: new FakeEffects({
        // Later items answer sooner, so completion order differs from item order.
        lookup: (req) =>
          later(clock, 100 - (req.itemIndex ?? 0) * 5, req, { ok: true, output: { ip: req.params.url } }),
      }),
    });
    const run = await engine.start(loopDoc({ concurrency: 3 }), { ips });

    const r = await inspect(store, run.runId);
    expect(run.status).toBe('succeeded');
    const out = r.result('each')?.output as { index: number; item: string; status: string; output: { ip: string } }[];
    expect(out.map((o) => o.item)).toEqual(ips);
    expect(out[4]).toEqual({
      index: 4,
      item: '10.0.0.4',
      status: 'succeeded',
      output: { ip: '10.0.0.4', index: 4, from: 'https://intel.example/10.0.0.4' },
    });
    expect(r.result('summary')?.output).toBe(12);
    expect(r.path).toContain('lookup[11]');
    expect(r.path).toContain('score[0]');
  });

  it('when the concurrency is 3 then the effects port sees exactly 3 calls in flight at most', async () => {
    const effects = new FakeEffects();
    const { engine, clock } = harness({ effects });
    effects.handlers.lookup = (req) => later(clock, 50, req, { ok: true, output: { ip: req.stepKey } });

    await engine.start(loopDoc({ concurrency: 3 }), { ips: Array.from({ length: 10 }, (_, i) => i) });

    expect(effects.calls).toHaveLength(10);
    expect(effects.maxInFlight).toBe(3);
    expect(effects.calls.map((c) => c.itemIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(effects.calls[3]?.idempotencyKey).toMatch(/:lookup\[3\]:1$/);
  });

  it('when an item fails under `fail` then the for-each fails, the other items stop and the run fails', async () => {
    const effects = new FakeEffects();
    const { engine, store, clock } = harness({ effects });
    effects.handlers.lookup = (req) =>
      req.itemIndex === 2
        ? { ok: false, error: { kind: 'http_4xx', message: 'bad ip', retryable: false } }
        : later(clock, 1_000, req, { ok: true, output: { ip: 'x' } });

    const run = await engine.start(loopDoc({ concurrency: 4, onItemError: 'fail' }), { ips: [0, 1, 2, 3, 4, 5] });

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ stepId: 'each', kind: 'http_4xx', message: 'item 2: bad ip' });
    expect(effects.calls.map((c) => c.itemIndex)).toEqual([0, 1, 2, 3]);
    const r = await inspect(store, run.runId);
    expect(r.attemptsOf('lookup[0]')[0]?.status).toBe('cancelled');
    expect(r.path).not.toContain('summary');
  });

  it('when items fail under `continue` then their errors are collected and the loop goes on to done', async () => {
    const effects = new FakeEffects({
      lookup: (req) =>
        req.itemIndex === 1
          ? { ok: false, error: { kind: 'http_4xx', message: 'bad ip', retryable: false } }
          : { ok: true, output: { ip: 'ok' } },
    });
    const { engine, store } = harness({ effects });

    const run = await engine.start(loopDoc({ concurrency: 2, onItemError: 'continue' }), { ips: ['a', 'b', 'c'] });

    expect(run.status).toBe('succeeded');
    const out = (await inspect(store, run.runId)).result('each')?.output as { status: string; error?: unknown }[];
    expect(out.map((o) => o.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(out[1]?.error).toMatchObject({ kind: 'http_4xx', stepId: 'lookup', stepKey: 'lookup[1]' });
  });

  it('when items is not an array then the for-each fails with an expression error', async () => {
    const { engine } = harness();

    const run = await engine.start(loopDoc({}), { ips: 'not-a-list' });

    expect(run.error).toMatchObject({
      kind: 'expression',
      stepId: 'each',
      message: 'items must be an array, got string',
    });
  });

  it('when items is empty then the for-each completes at once with an empty output', async () => {
    const { engine, store } = harness();

    const run = await engine.start(loopDoc({}), { ips: [] });

    const r = await inspect(store, run.runId);
    expect(r.result('each')?.output).toEqual([]);
    expect(r.path).toEqual(['each', 'summary']);
  });

  it('when for-each loops nest then step keys carry both item indices', async () => {
    // start → outer ─item→ inner ─item→ leaf (outer item × inner item) ─→ inner
    //                            └done→ (back to outer)
    const doc = workflow('outer', {
      outer: step('foreach', { items: 'event.rows' }, { item: 'inner' }),
      inner: step('foreach', { items: 'item' }, { item: 'leaf', done: 'outer' }),
      leaf: transform('item * 10', { out: 'inner' }),
    });
    const { engine, store } = harness();

    const run = await engine.start(doc, { rows: [[1, 2], [3]] });

    const r = await inspect(store, run.runId);
    expect(run.status).toBe('succeeded');
    expect(r.result('leaf[0][1]')?.output).toBe(20);
    expect(r.result('leaf[1][0]')?.output).toBe(30);
    const outer = r.result('outer')?.output as { output: { output: number }[] }[];
    expect(outer.map((o) => o.output.map((i) => i.output))).toEqual([[10, 20], [30]]);
  });
});
