import { describe, expect, it } from 'vitest';
import { FakeEffects, get, harness, inspect, step, transform, workflow } from './harness';

describe('engine: sequence, branches, switch, error port, end', () => {
  it('when steps are chained then each sees the previous output and the path is in order', async () => {
    // start → a (event.n + 1) → b (GET /{{ a }}) → c (b's output)
    const doc = workflow('a', {
      a: transform('event.n + 1', { out: 'b' }),
      b: get('https://intel.example/{{ steps.a.output }}', { out: 'c' }),
      c: transform('steps.b.output.step & "!"'),
    });
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects });

    const run = await engine.start(doc, { n: 41 });

    expect(run.status).toBe('succeeded');
    expect(effects.calls.map((c) => c.params.url)).toEqual(['https://intel.example/42']);
    const r = await inspect(store, run.runId);
    expect(r.path).toEqual(['a', 'b', 'c']);
    expect(r.result('c')?.output).toBe('b!');
  });

  it('when a condition holds then only the true branch runs', async () => {
    // start → check ─true→ high
    //               └false→ low
    const doc = workflow('check', {
      check: step('condition', { predicate: 'event.score >= 70' }, { true: 'high', false: 'low' }),
      high: transform('"high"'),
      low: transform('"low"'),
    });
    const { engine, store } = harness();

    const high = await engine.start(doc, { score: 90 });
    const low = await engine.start(doc, { score: 10 });

    expect((await inspect(store, high.runId)).path).toEqual(['check', 'high']);
    expect((await inspect(store, low.runId)).path).toEqual(['check', 'low']);
    expect((await inspect(store, low.runId)).result('check')?.port).toBe('false');
  });

  it('when a switch value matches a case then that port is taken, else default', async () => {
    // start → route ─phish→ p
    //               ├malware→ m
    //               └default→ d
    const doc = workflow('route', {
      route: step(
        'switch',
        {
          value: 'event.kind',
          cases: [
            { port: 'phish', equals: 'phishing' },
            { port: 'malware', equals: 'malware' },
          ],
        },
        { phish: 'p', malware: 'm', default: 'd' },
      ),
      p: transform('1'),
      m: transform('2'),
      d: transform('3'),
    });
    const { engine, store } = harness();

    const paths = [];
    for (const kind of ['malware', 'phishing', 'other']) {
      paths.push((await inspect(store, (await engine.start(doc, { kind })).runId)).path);
    }

    expect(paths).toEqual([
      ['route', 'm'],
      ['route', 'p'],
      ['route', 'd'],
    ]);
  });

  it('when a step fails and its error port is connected then the run follows it with the error as output', async () => {
    // start → lookup ─out→ ok
    //                └error→ recover (reads steps.lookup.output.error)
    const doc = workflow('lookup', {
      lookup: get('https://intel.example', { out: 'ok', error: 'recover' }),
      ok: transform('"ok"'),
      recover: transform('steps.lookup.output.error.kind'),
    });
    const effects = new FakeEffects({
      lookup: () => ({ ok: false, error: { kind: 'http_4xx', message: 'not found', retryable: false, status: 404 } }),
    });
    const { engine, store } = harness({ effects });

    const run = await engine.start(doc, {});

    expect(run.status).toBe('succeeded');
    const r = await inspect(store, run.runId);
    expect(r.path).toEqual(['lookup', 'recover']);
    expect(r.result('recover')?.output).toBe('http_4xx');
    expect(r.attemptsOf('lookup')[0]).toMatchObject({ status: 'failed', port: 'error', error: { status: 404 } });
  });

  it('when a step fails without an error port then the run fails with the step named', async () => {
    // start → bad (expression error) → never
    const doc = workflow('bad', { bad: transform('$notAFunction()', { out: 'never' }), never: transform('1') });
    const { engine, store } = harness();

    const run = await engine.start(doc, {});

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ kind: 'expression', stepId: 'bad', retryable: false });
    expect((await inspect(store, run.runId)).path).toEqual(['bad']);
  });

  it('when an end step says failed then the run fails with its message and output, and other branches stop', async () => {
    // start → parallel ─→ stop (end failed: "bad {{ event.id }}")
    //                  └→ slow (GET that would take a minute)
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['stop', 'slow'] }),
      stop: step('end', { status: 'failed', message: 'bad {{ event.id }}', output: '{ "id": event.id }' }),
      slow: get('https://slow.example'),
    });
    const effects = new FakeEffects({
      slow: (req) =>
        new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    const { engine, store } = harness({ effects });

    const run = await engine.start(doc, { id: 7 });

    expect(run).toMatchObject({ status: 'failed', message: 'bad 7', output: { id: 7 } });
    const r = await inspect(store, run.runId);
    expect(r.attemptsOf('slow')[0]?.status).toBe('cancelled');
    expect(effects.calls[0]?.signal.aborted).toBe(true);
  });

  it('when two paths merge on a plain step then it runs once', async () => {
    // start → fan ─→ a ─→ merge
    //             └→ b ─┘
    const doc = workflow('fan', {
      fan: step('parallel', {}, { branches: ['a', 'b'] }),
      a: transform('1', { out: 'merge' }),
      b: transform('2', { out: 'merge' }),
      merge: get('https://once.example'),
    });
    const effects = new FakeEffects();
    const { engine } = harness({ effects });

    expect((await engine.start(doc, {})).status).toBe('succeeded');
    expect(effects.keys('merge')).toEqual(['merge']);
  });

  it('when params are rendered then a lone placeholder keeps its type and expression fields are left to the step', async () => {
    // start → send (POST with body "{{ event.ids }}" — an array, not text)
    const doc = workflow('send', {
      send: step('http', { method: 'POST', url: 'https://x.example/{{ event.ids[0] }}', body: '{{ event.ids }}' }),
    });
    const effects = new FakeEffects();
    const { engine } = harness({ effects });

    await engine.start(doc, { ids: [1, 2] });

    expect(effects.calls[0]?.params).toMatchObject({ url: 'https://x.example/1', body: [1, 2], method: 'POST' });
  });
});
