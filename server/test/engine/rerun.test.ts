import { describe, expect, it } from 'vitest';
import { memoOf } from '../../src/engine';
import { FakeEffects, get, harness, inspect, step, transform, workflow } from './harness';

/** An effect that fails until `fixed` is set, then answers. */
function flaky() {
  const state = { fixed: false };
  const handler = () =>
    state.fixed
      ? { ok: true as const, output: { blocked: true } }
      : { ok: false as const, error: { kind: 'http_5xx' as const, message: 'down', retryable: false } };
  return { state, handler };
}

describe('engine: re-run from the failed step', () => {
  it('when a run is re-run with the memo of its failed run then the steps done before are not performed again and their outputs are reused', async () => {
    // start → enrich (GET) → pick (transform of enrich) → block (GET, fails once) → report (transform)
    const block = flaky();
    const effects = new FakeEffects({ block: block.handler });
    const { engine, store } = harness({ effects });
    const doc = workflow('enrich', {
      enrich: get('https://intel.example', { out: 'pick' }),
      pick: transform('steps.enrich.output.step', { out: 'block' }),
      block: get('https://fw.example', { out: 'report' }),
      report: transform('steps.pick.output & "/" & $string(steps.block.output.blocked)'),
    });
    const failed = await engine.start(doc, { ip: '203.0.113.7' });
    expect(failed.status).toBe('failed');
    expect(effects.keys()).toEqual(['enrich', 'block']);

    block.state.fixed = true;
    const stored = await inspect(store, failed.runId);
    const memo = memoOf(failed.runId, stored.results);
    expect(Object.keys(memo.steps).sort()).toEqual(['enrich', 'pick']);
    const rerun = await engine.start(doc, { ip: '203.0.113.7' }, { memo });

    const r = await inspect(store, rerun.runId);
    expect(rerun.status).toBe('succeeded');
    expect(effects.keys()).toEqual(['enrich', 'block', 'block']);
    expect(r.path).toEqual(['enrich', 'pick', 'block', 'report']);
    expect(r.result('report')?.output).toBe('enrich/true');
    const [reused] = r.attemptsOf('enrich');
    expect(reused?.status).toBe('succeeded');
    expect(reused?.events?.map((e) => [e.type, e.detail])).toEqual([['reused', failed.runId]]);
    expect(r.attemptsOf('block')[0]?.events).toBeUndefined();
  });

  it('when the failure was inside a for-each then the items that succeeded are reused and the failed item runs again', async () => {
    // start → each (items, one at a time) ─item→ lookup (GET /{{ item }}; b fails once) → back to each
    //                                     └done→ done (count)
    let fixed = false;
    const effects = new FakeEffects({
      lookup: (req) =>
        req.stepKey === 'lookup[1]' && !fixed
          ? { ok: false, error: { kind: 'http_5xx', message: 'down', retryable: false } }
          : { ok: true, output: req.stepKey },
    });
    const { engine, store } = harness({ effects });
    const doc = workflow('each', {
      each: step('foreach', { items: 'event.ips', concurrency: 1 }, { item: 'lookup', done: 'done' }),
      lookup: get('https://intel.example/{{ item }}', { out: 'each' }),
      done: transform('$count(steps.each.output)'),
    });
    const failed = await engine.start(doc, { ips: ['a', 'b', 'c'] });
    expect(failed.status).toBe('failed');

    fixed = true;
    const memo = memoOf(failed.runId, (await inspect(store, failed.runId)).results);
    effects.calls.length = 0;
    const rerun = await engine.start(doc, { ips: ['a', 'b', 'c'] }, { memo });

    expect(rerun.status).toBe('succeeded');
    expect(effects.keys('lookup')).toEqual(['lookup[1]', 'lookup[2]']);
    expect((await inspect(store, rerun.runId)).result('done')?.output).toBe(3);
  });

  it('when a run is re-run without a memo then every step is performed again', async () => {
    // start → enrich (GET) → block (GET, fails once)
    const block = flaky();
    const effects = new FakeEffects({ block: block.handler });
    const { engine } = harness({ effects });
    const doc = workflow('enrich', {
      enrich: get('https://intel.example', { out: 'block' }),
      block: get('https://fw.example'),
    });
    expect((await engine.start(doc, {})).status).toBe('failed');
    block.state.fixed = true;

    const rerun = await engine.start(doc, {});

    expect(rerun.status).toBe('succeeded');
    expect(effects.keys()).toEqual(['enrich', 'block', 'enrich', 'block']);
  });
});
