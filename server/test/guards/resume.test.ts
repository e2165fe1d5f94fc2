/**
 * Crash resume guards (issue 10 §6). Three guards keep a restarted run from doing work
 * twice, and each used to hide the others:
 * - the session starts the entry steps only for a fresh run (session.ts `start`);
 * - a step (or join) that already has a result in its scope is not activated again
 *   (flow.ts `activate` / `arrive`), which needs the stored results loaded into the session;
 * - restore.ts puts every stored step output back into its scope, so a re-sent attempt
 *   and the steps after it render the same params as before the crash.
 * Each test below reaches a completed step again after a restart (through a parallel
 * branch, a join and a for-each item), so removing any ONE of these fails a test.
 *
 * A "crash" is a first engine whose effect hangs; a second engine on the same memory
 * store resumes the run, as a new process would.
 */
import { describe, expect, it } from 'vitest';
import { createVirtualClock, type MemoryRunStore, type StoredRun } from '../../src/engine';
import {
  FakeEffects,
  harness,
  inspect,
  later,
  never,
  post,
  settle,
  step,
  T0,
  transform,
  workflow,
} from '../engine/harness';

const get = (url: string, to: Record<string, string | string[]> = {}) => step('http', { method: 'GET', url }, to);

/** Waits (on conditions, never on time) until the stored run satisfies `check`. */
async function untilStored(store: MemoryRunStore, runId: string, check: (s: StoredRun) => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const s = await store.load(runId);
    if (s && check(s)) return;
    await settle();
  }
  throw new Error('the stored run never reached the expected state');
}

const hasResults =
  (...keys: string[]) =>
  (s: StoredRun) =>
    keys.every((k) => s.results.some((r) => r.key === k));

describe('guards, crash resume: a parallel branch', () => {
  it('when a parallel branch reaches a step the other branch completed before the crash then the resumed run does not run it again, and the re-sent attempt renders the restored outputs', async () => {
    // start → a (GET) → fan ─→ b (GET) ─────────────────────→ d (POST)
    //                      └→ c (POST /{{a}}, hangs in the first process) ─┘
    const doc = workflow('a', {
      a: get('https://a.example', { out: 'fan' }),
      fan: step('parallel', {}, { branches: ['b', 'c'] }),
      b: get('https://b.example', { out: 'd' }),
      c: step('http', { method: 'POST', url: 'https://c.example/{{ steps.a.output.step }}' }, { out: 'd' }),
      d: post('https://d.example'),
    });
    const clock = createVirtualClock({ start: T0 });
    const first = new FakeEffects({ c: () => never() });
    const { engine, build, store } = harness({ clock, effects: first });
    void engine.start(doc, {}, { runId: 'run-branch' });
    await untilStored(store, 'run-branch', hasResults('a', 'fan', 'b', 'd'));
    expect(first.keys()).toEqual(['a', 'b', 'c', 'd']);

    const second = new FakeEffects();
    const done = await build({ effects: second }).resume('run-branch');

    expect(done.status).toBe('succeeded');
    // Only the attempt that was in flight goes out again; d, reached again through c, does not.
    expect(second.keys()).toEqual(['c']);
    expect(second.calls[0]?.params.url).toBe('https://c.example/a');
    expect(second.calls[0]?.idempotencyKey).toBe('run-branch:c:1');
    const r = await inspect(store, 'run-branch');
    expect(r.attemptsOf('d')).toMatchObject([{ attempt: 1, status: 'succeeded' }]);
    expect(r.path).toEqual(['a', 'fan', 'b', 'd', 'c']);
  });
});

describe('guards, crash resume: a merge (join)', () => {
  it('when a join was waiting for a branch at the crash then the resumed join fires once with the outputs of both branches', async () => {
    // start → fan ─→ b (GET) ─────────────────────────────→ j (all) → after
    //             └→ c (GET, hangs in the first process) ─┘
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['b', 'c'] }),
      b: get('https://b.example', { out: 'j' }),
      c: get('https://c.example', { out: 'j' }),
      j: step('join', { mode: 'all' }, { out: 'after' }),
      after: transform('steps.j.output'),
    });
    const clock = createVirtualClock({ start: T0 });
    const first = new FakeEffects({ c: () => never() });
    const { engine, build, store } = harness({ clock, effects: first });
    void engine.start(doc, {}, { runId: 'run-join' });
    await untilStored(store, 'run-join', (s) => hasResults('b')(s) && s.state.joins.length === 1);

    const second = new FakeEffects();
    const done = await build({ effects: second }).resume('run-join');

    expect(done.status).toBe('succeeded');
    expect(second.keys()).toEqual(['c']);
    const r = await inspect(store, 'run-join');
    expect(r.result('after')?.output).toEqual({ b: { step: 'b' }, c: { step: 'c' } });
    expect(r.attemptsOf('j')).toMatchObject([{ attempt: 1, status: 'succeeded', input: { arrived: ['b', 'c'] } }]);
  });

  it('when an `any` join cancelled an entry branch before the crash then the resumed run does not start that branch again from the entry', async () => {
    // start ─→ quick (GET) ───────────────────────────────────→ j (any) → hold (POST, hangs in the first process)
    //       └→ slow (GET, never answers; cancelled by j) ─────┘
    const doc = workflow(['quick', 'slow'], {
      quick: get('https://quick.example', { out: 'j' }),
      slow: get('https://slow.example', { out: 'j' }),
      j: step('join', { mode: 'any' }, { out: 'hold' }),
      hold: post('https://hold.example'),
    });
    const clock = createVirtualClock({ start: T0 });
    const first = new FakeEffects({ slow: () => never(), hold: () => never() });
    const { engine, build, store } = harness({ clock, effects: first });
    void engine.start(doc, {}, { runId: 'run-any' });
    await untilStored(store, 'run-any', (s) => s.attempts.some((a) => a.stepKey === 'hold'));
    expect(first.keys().sort()).toEqual(['hold', 'quick', 'slow']);

    const second = new FakeEffects();
    const done = await build({ effects: second }).resume('run-any');

    expect(done.status).toBe('succeeded');
    // The cancelled branch has no result: only "not fresh" keeps it from starting again.
    expect(second.keys()).toEqual(['hold']);
    const r = await inspect(store, 'run-any');
    expect(r.attemptsOf('slow')).toMatchObject([{ attempt: 1, status: 'cancelled' }]);
    expect(r.path).toEqual(['quick', 'j', 'hold']);
  });

  // Not a restart: the same "already has a result" guard of a join, reached by a second arrival.
  it('when a pending join fires after an `any` join it leads to has run then the `any` join does not run again', async () => {
    // start → fan ─→ a (GET) ───→ inner (all) ─→ j (any) → after (POST)
    //             ├→ b (GET, 50 ms) ─┘           │
    //             └→ first (GET, 10 ms) ─────────┘
    // first reaches j, which cancels b; inner (a arrived) then fires and reaches j again.
    const effects = new FakeEffects();
    const { engine, store, clock } = harness({ effects });
    effects.handlers.b = (req) => later(clock, 50, req, { ok: true, output: 'B' });
    effects.handlers.first = (req) => later(clock, 10, req, { ok: true, output: 'F' });
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['a', 'b', 'first'] }),
      a: get('https://a.example', { out: 'inner' }),
      b: get('https://b.example', { out: 'inner' }),
      first: get('https://first.example', { out: 'j' }),
      inner: step('join', { mode: 'all' }, { out: 'j' }),
      j: step('join', { mode: 'any' }, { out: 'after' }),
      after: post('https://after.example'),
    });

    const run = await engine.start(doc, {}, { runId: 'run-inner' });

    expect(run.status).toBe('succeeded');
    const r = await inspect(store, 'run-inner');
    expect(r.result('j')?.output).toEqual({ first: 'F' });
    expect(r.path.filter((k) => k === 'j')).toHaveLength(1);
    expect(effects.keys('after')).toEqual(['after']);
  });
});

describe('guards, crash resume: a for-each item', () => {
  it('when a for-each item was in flight at the crash then only its in-flight attempt is re-sent, with the item outputs restored, and a step it completed is not run again', async () => {
    // start → each (for-each event.ips) ─item→ enrich (GET /{{item}}) ─→ check (POST {{enrich}}; item 1 hangs) ─→ tag (POST)
    //                                                                 └→ note (transform) ───────────────────────┘
    //                                   └done→ summary
    const doc = workflow('each', {
      each: step('foreach', { items: 'event.ips', concurrency: 3 }, { item: 'enrich', done: 'summary' }),
      enrich: get('https://intel.example/{{ item }}', { out: ['check', 'note'] }),
      check: step(
        'http',
        { method: 'POST', url: 'https://check.example', body: '{{ steps.enrich.output.step }}' },
        { out: 'tag' },
      ),
      note: transform('"noted " & item', { out: 'tag' }),
      tag: post('https://tag.example'),
      summary: transform('steps.each.output.status'),
    });
    const clock = createVirtualClock({ start: T0 });
    const first = new FakeEffects({
      check: (req) => (req.itemIndex === 1 ? never() : { ok: true, output: { step: req.stepKey } }),
    });
    const { engine, build, store } = harness({ clock, effects: first });
    void engine.start(doc, { ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] }, { runId: 'run-each' });
    await untilStored(store, 'run-each', hasResults('each#0', 'each#2', 'enrich[1]', 'note[1]', 'tag[1]'));

    const second = new FakeEffects();
    const done = await build({ effects: second }).resume('run-each');

    expect(done.status).toBe('succeeded');
    expect(second.keys()).toEqual(['check[1]']);
    expect(second.calls[0]?.params.body).toBe('enrich[1]');
    expect(second.calls[0]?.idempotencyKey).toBe('run-each:check[1]:1');
    const r = await inspect(store, 'run-each');
    expect(r.attemptsOf('tag[1]')).toHaveLength(1);
    expect(r.result('summary')?.output).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(first.keys('enrich').length + second.keys('enrich').length).toBe(3);
  });
});
