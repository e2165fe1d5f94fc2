import { describe, expect, it } from 'vitest';
import { createVirtualClock, type EffectRequest } from '../../src/engine';
import { FakeEffects, get, harness, inspect, never, post, settle, step, T0, transform, workflow } from './harness';

/** Answers the n-th call of a step with `{ count }` from the list (the last one again past its end). */
function counts(list: number[]) {
  let n = 0;
  return () => ({ ok: true as const, output: { count: list[Math.min(n++, list.length - 1)] } });
}

/**
 * start → repeat (until steps.count.output.count = 0, check as given, at most `max`)
 *           ─body→ revoke (POST) → count (GET) → back to repeat
 *           ─done→ summary
 *           ─max_reached→ too_many (when wired)
 */
function revokeAll(opts: { check?: 'before' | 'after'; max?: number; maxWired?: boolean; until?: string } = {}) {
  return workflow('repeat', {
    repeat: step(
      'loop',
      { until: opts.until ?? 'steps.count.output.count = 0', check: opts.check ?? 'before', maxRounds: opts.max ?? 10 },
      { body: 'revoke', done: 'summary', ...(opts.maxWired ? { max_reached: 'too_many' } : {}) },
    ),
    revoke: post('https://idp.example/sessions/revoke?round={{ loop.round }}', { out: 'count' }),
    count: get('https://idp.example/sessions/count', { out: 'repeat' }),
    summary: transform('"done after " & steps.repeat.output.rounds & " rounds"'),
    too_many: transform('"gave up after " & steps.repeat.output.rounds'),
  });
}

const events = (attempts: { events?: { type: string }[] }[]) =>
  attempts.flatMap((a) => a.events ?? []).filter((e) => e.type.startsWith('loop_'));

describe('engine: repeat-until loop', () => {
  it('when the count reaches 0 after 3 rounds then the loop leaves by done with 3 rounds, each round keyed apart', async () => {
    const effects = new FakeEffects({ count: counts([2, 1, 0]) });
    const { engine, store } = harness({ effects });

    const run = await engine.start(revokeAll(), {});

    expect(run.status).toBe('succeeded');
    expect(effects.keys('revoke')).toEqual(['revoke[0]', 'revoke[1]', 'revoke[2]']);
    expect(effects.calls.filter((c) => c.stepId === 'revoke').map((c) => c.params.url)).toEqual([
      'https://idp.example/sessions/revoke?round=1',
      'https://idp.example/sessions/revoke?round=2',
      'https://idp.example/sessions/revoke?round=3',
    ]);
    const r = await inspect(store, run.runId);
    expect(r.result('repeat')).toMatchObject({ port: 'done', output: { rounds: 3, reason: 'condition' } });
    expect(r.result('summary')?.output).toBe('done after 3 rounds');
    expect(events(r.attemptsOf('repeat'))).toMatchObject([
      { type: 'loop_round', round: 1 },
      { type: 'loop_round', round: 2 },
      { type: 'loop_round', round: 3 },
      { type: 'loop_exit', reason: 'condition', rounds: 3 },
    ]);
  });

  it('when the count never reaches 0 and "Maximum reached" is wired then the loop leaves by it after the maximum', async () => {
    const effects = new FakeEffects({ count: counts([5]) });
    const { engine, store } = harness({ effects });

    const run = await engine.start(revokeAll({ max: 4, maxWired: true }), {});

    expect(run.status).toBe('succeeded');
    expect(effects.keys('revoke')).toHaveLength(4);
    const r = await inspect(store, run.runId);
    expect(r.result('repeat')).toMatchObject({ port: 'max_reached', output: { rounds: 4, reason: 'max_reached' } });
    expect(r.result('too_many')?.output).toBe('gave up after 4');
    expect(events(r.attemptsOf('repeat')).at(-1)).toMatchObject({
      type: 'loop_exit',
      reason: 'max_reached',
      rounds: 4,
    });
  });

  it('when the count never reaches 0 and "Maximum reached" is not connected then the run fails with loop_bound naming the loop and bound', async () => {
    const effects = new FakeEffects({ count: counts([5]) });
    const { engine, store } = harness({ effects });

    const run = await engine.start(revokeAll({ max: 3 }), {});

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ kind: 'loop_bound', stepId: 'repeat' });
    expect(run.error?.message).toContain('"repeat" reached its maximum of 3 rounds');
    const r = await inspect(store, run.runId);
    expect(r.result('summary')).toBeUndefined();
    expect(events(r.attemptsOf('repeat')).at(-1)).toMatchObject({
      type: 'loop_exit',
      reason: 'max_reached',
      rounds: 3,
    });
  });

  it('when the condition already holds then a "before" loop runs no round and a do-until ("after") runs exactly one', async () => {
    const before = harness();
    const none = await before.engine.start(revokeAll({ until: 'true' }), {});
    expect(none.status).toBe('succeeded');
    expect((before.effects as FakeEffects).keys('revoke')).toEqual([]);
    expect((await inspect(before.store, none.runId)).result('repeat')?.output).toEqual({
      rounds: 0,
      reason: 'condition',
    });

    const after = harness();
    const once = await after.engine.start(revokeAll({ until: 'true', check: 'after' }), {});
    expect(once.status).toBe('succeeded');
    expect((after.effects as FakeEffects).keys('revoke')).toEqual(['revoke[0]']);
    expect((await inspect(after.store, once.runId)).result('repeat')?.output).toEqual({
      rounds: 1,
      reason: 'condition',
    });
  });

  it('when the condition reads loop.round then "before" sees the round about to start and "after" the round just finished', async () => {
    // until loop.round = 3: before → stops before round 3 (2 rounds); after → stops after round 3
    const b = harness();
    await b.engine.start(revokeAll({ until: 'loop.round = 3' }), {});
    expect((b.effects as FakeEffects).keys('revoke')).toHaveLength(2);
    const a = harness();
    await a.engine.start(revokeAll({ until: 'loop.round = 3', check: 'after' }), {});
    expect((a.effects as FakeEffects).keys('revoke')).toHaveLength(3);
  });

  it('when the stop condition cannot be evaluated after a round then the loop fails naming it, and each round is recorded once', async () => {
    const effects = new FakeEffects({ count: counts([2]) });
    const { engine, store } = harness({ effects });

    const run = await engine.start(revokeAll({ until: '$number("not a number") = 0', check: 'after' }), {});

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ stepId: 'repeat' });
    expect(run.error?.message).toMatch(/^round 1: the stop condition: /);
    const r = await inspect(store, run.runId);
    const keys = r.results.map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('repeat#0');
  });

  it('when a loop runs inside a for-each item then its rounds see that item and are keyed per item and round', async () => {
    // start → each (items event.users) ─item→ repeat (until loop.round = 3) ─body→ revoke (POST) → back to repeat
    //                                                                      └done→ back to each
    const doc = workflow('each', {
      each: step('foreach', { items: 'event.users', concurrency: 1 }, { item: 'repeat' }),
      repeat: step('loop', { until: 'loop.round = 3', maxRounds: 5 }, { body: 'revoke', done: 'each' }),
      revoke: post('https://idp.example/{{ item }}/revoke?round={{ loop.round }}', { out: 'repeat' }),
    });
    const effects = new FakeEffects();
    const { engine } = harness({ effects });

    const run = await engine.start(doc, { users: ['ann', 'bob'] });

    expect(run.status).toBe('succeeded');
    expect(effects.keys('revoke')).toEqual(['revoke[0][0]', 'revoke[0][1]', 'revoke[1][0]', 'revoke[1][1]']);
    expect(effects.calls.map((c) => c.params.url)).toEqual([
      'https://idp.example/ann/revoke?round=1',
      'https://idp.example/ann/revoke?round=2',
      'https://idp.example/bob/revoke?round=1',
      'https://idp.example/bob/revoke?round=2',
    ]);
  });

  it('when the process dies in round 3 after round 2 was committed then the resumed run performs round 3, not rounds 1 and 2 again', async () => {
    const clock = createVirtualClock({ start: T0 });
    // Round 3's revoke hangs in the first process.
    const first = new FakeEffects({
      count: counts([2, 1, 0]),
      revoke: (req: EffectRequest) => (req.stepKey === 'revoke[2]' ? never() : { ok: true, output: {} }),
    });
    const { engine, build, store } = harness({ clock, effects: first });
    void engine.start(revokeAll(), {}, { runId: 'run-1' });
    for (let i = 0; i < 200 && !first.keys().includes('revoke[2]'); i++) await settle();
    expect(first.keys()).toEqual(['revoke[0]', 'count[0]', 'revoke[1]', 'count[1]', 'revoke[2]']);
    expect((await inspect(store, 'run-1')).result('count[1]')?.status).toBe('succeeded');

    const second = new FakeEffects({ count: () => ({ ok: true, output: { count: 0 } }) });
    const done = await build({ effects: second }).resume('run-1');

    expect(done.status).toBe('succeeded');
    expect(second.keys()).toEqual(['revoke[2]', 'count[2]']);
    expect(second.calls[0]?.idempotencyKey).toBe('run-1:revoke[2]:1');
    const r = await inspect(store, 'run-1');
    expect(r.result('repeat')?.output).toEqual({ rounds: 3, reason: 'condition' });
    expect(events(r.attemptsOf('repeat')).filter((e) => e.type === 'loop_round')).toHaveLength(3);
  });
});

/**
 * start → each (items event.ips, breakWhen as given) ─item→ lookup (GET) → back to each
 *                                                   └done→ after
 */
function searchDoc(params: Record<string, unknown>) {
  return workflow('each', {
    each: step('foreach', { items: 'event.ips', ...params }, { item: 'lookup', done: 'after' }),
    lookup: get('https://intel.example/{{ item }}', { out: 'each' }),
    after: transform('steps.each.output'),
  });
}

describe('engine: for-each break', () => {
  const ips = ['a', 'b', 'bad', 'c', 'd', 'e', 'f', 'g'];
  const intel = () =>
    new FakeEffects({ lookup: (req) => ({ ok: true, output: { bad: String(req.params.url).endsWith('/bad') } }) });

  it('when breakWhen holds after an item then no new item starts and the for-each leaves by done with broken and processed', async () => {
    const effects = intel();
    const { engine, store } = harness({ effects });

    const run = await engine.start(searchDoc({ concurrency: 1, breakWhen: 'steps.lookup.output.bad' }), { ips });

    expect(run.status).toBe('succeeded');
    expect(effects.keys('lookup')).toEqual(['lookup[0]', 'lookup[1]', 'lookup[2]']);
    const r = await inspect(store, run.runId);
    expect(r.result('each')).toMatchObject({ port: 'done', output: { broken: true, processed: 3 } });
    expect(r.result('after')?.output).toEqual({ broken: true, processed: 3 });
    expect(events(r.attemptsOf('each'))).toMatchObject([{ type: 'loop_break', rounds: 3 }]);
  });

  it('when breakWhen holds with 3 items at a time then the items in flight finish and no further item starts', async () => {
    const effects = intel();
    const { engine, store } = harness({ effects });

    const run = await engine.start(searchDoc({ concurrency: 3, breakWhen: 'item = "bad"' }), { ips });

    expect(run.status).toBe('succeeded');
    const started = effects.keys('lookup');
    expect(started.length).toBeLessThan(ips.length);
    expect(started).toContain('lookup[2]');
    const out = (await inspect(store, run.runId)).result('each')?.output;
    expect(out).toEqual({ broken: true, processed: started.length });
  });

  it('when breakWhen never holds then every item runs and the output is the usual list', async () => {
    const effects = intel();
    const { engine, store } = harness({ effects });

    const run = await engine.start(searchDoc({ concurrency: 2, breakWhen: 'item = "nothing"' }), { ips });

    expect(run.status).toBe('succeeded');
    expect(effects.keys('lookup')).toHaveLength(ips.length);
    expect((await inspect(store, run.runId)).result('each')?.output).toHaveLength(ips.length);
  });
});

/**
 * start → block (POST, fails; no error port) → notify
 * onFailure: continueAt report → report_more
 */
function guardedDoc(opts: { handlerFails?: boolean } = {}) {
  const doc = workflow('block', {
    block: post('https://fw.example/block', { out: 'notify' }),
    notify: post('https://chat.example/ok'),
    report: transform('"step " & failure.step & " failed: " & failure.error.kind & " " & failure.error.status', {
      out: 'report_more',
    }),
    report_more: opts.handlerFails ? post('https://chat.example/fails') : transform('steps.report.output'),
  });
  return { ...doc, onFailure: { continueAt: 'report' } };
}

describe('engine: the workflow exception handler (onFailure)', () => {
  const failing = (req: EffectRequest) =>
    req.stepId === 'block' || req.params.url === 'https://chat.example/fails'
      ? {
          ok: false as const,
          error: { kind: 'http_4xx' as const, message: 'forbidden', retryable: false, status: 403 },
        }
      : { ok: true as const, output: {} };

  it('when a step fails with no error port then the run continues at the handler with failure in scope', async () => {
    const effects = new FakeEffects({ block: failing });
    const { engine, store } = harness({ effects });

    const run = await engine.start(guardedDoc(), {});

    expect(run.status).toBe('succeeded');
    const r = await inspect(store, run.runId);
    expect(r.path).toEqual(['block', 'report', 'report_more']);
    expect(r.result('report')?.output).toBe('step block failed: http_4xx 403');
    expect(r.result('notify')).toBeUndefined();
    expect(r.state.failure).toEqual({ step: 'block', error: { kind: 'http_4xx', message: 'forbidden', status: 403 } });
  });

  it('when a step on the handler path fails too then it is not caught again and the run fails', async () => {
    const effects = new FakeEffects({ block: failing, report_more: failing });
    const { engine } = harness({ effects });

    const run = await engine.start(guardedDoc({ handlerFails: true }), {});

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ stepId: 'report_more', kind: 'http_4xx' });
  });

  it('when the document has no handler then the same failure fails the run', async () => {
    const effects = new FakeEffects({ block: failing });
    const { engine } = harness({ effects });
    const { onFailure: _none, ...doc } = guardedDoc();

    const run = await engine.start(doc, {});

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ stepId: 'block' });
  });
});
