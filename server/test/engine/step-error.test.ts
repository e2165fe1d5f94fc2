import { describe, expect, it } from 'vitest';
import { createVirtualClock, type EffectResult } from '../../src/engine';
import { FakeEffects, get, harness, inspect, step, T0, transform, workflow } from './harness';

const NOT_FOUND: EffectResult = {
  ok: false,
  error: { kind: 'http_4xx', message: 'no such indicator', retryable: false, status: 404 },
};

describe('engine: a failed step’s error in expressions (steps.<id>.error)', () => {
  it('when a step fails into its error port then the error path reads steps.<id>.error kind, message and status', async () => {
    // start → lookup ─out→ ok
    //                └error→ explain (JSONata over steps.lookup.error) → tell (template {{ steps.lookup.error.message }})
    const doc = workflow('lookup', {
      lookup: get('https://intel.example', { out: 'ok', error: 'explain' }),
      ok: transform('"ok"'),
      explain: transform('steps.lookup.error', { out: 'tell' }),
      tell: step('http', {
        method: 'POST',
        url: 'https://chat.example',
        body: 'lookup failed: {{ steps.lookup.error.message }} ({{ steps.lookup.error.status }})',
      }),
    });
    const effects = new FakeEffects({ lookup: () => NOT_FOUND });
    const { engine, store } = harness({ effects });

    const run = await engine.start(doc, {});

    expect(run.status).toBe('succeeded');
    const r = await inspect(store, run.runId);
    expect(r.path).toEqual(['lookup', 'explain', 'tell']);
    expect(r.result('explain')?.output).toEqual({ kind: 'http_4xx', message: 'no such indicator', status: 404 });
    const tell = effects.calls.find((c) => c.stepId === 'tell');
    expect(tell?.params['body']).toBe('lookup failed: no such indicator (404)');
  });

  it('when a step succeeds then steps.<id>.error is absent', async () => {
    // start → lookup ─out→ check (is there an error?)
    const doc = workflow('lookup', {
      lookup: get('https://intel.example', { out: 'check', error: 'check' }),
      check: transform('$exists(steps.lookup.error)'),
    });
    const { engine, store } = harness();

    const run = await engine.start(doc, {});

    expect((await inspect(store, run.runId)).result('check')?.output).toBe(false);
  });

  it('when a step fails inside a for-each item then that item’s error path reads its own error', async () => {
    // start → each (event.ips) ─item→ lookup ─out→ fine ──→ each
    //                                        └error→ note (item + steps.lookup.error.message) ──→ each
    const doc = workflow('each', {
      each: step('foreach', { items: 'event.ips' }, { item: 'lookup', done: 'end' }),
      lookup: get('https://intel.example/{{ item }}', { out: 'fine', error: 'note' }),
      fine: transform('"fine " & item', { out: 'each' }),
      note: transform('item & ": " & steps.lookup.error.message', { out: 'each' }),
      end: transform('steps.each.output.output'),
    });
    const effects = new FakeEffects({
      lookup: (req) =>
        req.itemIndex === 1
          ? { ok: false, error: { kind: 'http_5xx', message: 'intel is down', retryable: false, status: 503 } }
          : { ok: true, output: {} },
    });
    const { engine, store } = harness({ effects });

    const run = await engine.start(doc, { ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] });

    expect(run.status).toBe('succeeded');
    const r = await inspect(store, run.runId);
    expect(r.result('end')?.output).toEqual(['fine 10.0.0.1', '10.0.0.2: intel is down', 'fine 10.0.0.3']);
  });

  it('when the process restarts on the error path then the resumed run still reads the error', async () => {
    // start → lookup ─error→ pause (delay 1h) → tell (POST {{ steps.lookup.error.kind }})
    const doc = workflow('lookup', {
      lookup: get('https://intel.example', { error: 'pause' }),
      pause: step('delay', { duration: '1h' }, { out: 'tell' }),
      tell: step('http', { method: 'POST', url: 'https://chat.example', body: '{{ steps.lookup.error.kind }}' }),
    });
    const clock = createVirtualClock({ start: T0 });
    const effects = new FakeEffects({ lookup: () => NOT_FOUND });
    const { engine, build } = harness({ clock, effects });
    const waiting = await engine.start(doc, {});
    expect(waiting.status).toBe('waiting');

    clock.set(T0 + 3_600_000);
    const done = await build().resume(waiting.runId);

    expect(done.status).toBe('succeeded');
    expect(effects.calls.find((c) => c.stepId === 'tell')?.params['body']).toBe('http_4xx');
  });
});
