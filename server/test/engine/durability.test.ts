import { describe, expect, it } from 'vitest';
import { createVirtualClock, MemoryRunStore, type ApprovalsPort } from '../../src/engine';
import { FakeEffects, get, harness, inspect, never, post, settle, step, T0, transform, workflow } from './harness';

const HOUR = 3_600_000;

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  if (!check()) throw new Error('condition not reached');
}

describe('engine: durability across restarts', () => {
  it('when the process restarts during a delay then the resumed run does not repeat completed steps', async () => {
    // start → enrich (GET) → wait (delay 1h) → notify (POST)
    const doc = workflow('enrich', {
      enrich: get('https://intel.example', { out: 'wait' }),
      wait: step('delay', { duration: '1h' }, { out: 'notify' }),
      notify: post('https://chat.example'),
    });
    const clock = createVirtualClock({ start: T0 });
    const effects = new FakeEffects();
    const { engine, build, store } = harness({ clock, effects });

    const waiting = await engine.start(doc, {});
    expect(waiting).toMatchObject({ status: 'waiting', wakeAt: T0 + HOUR });
    // The old engine is dropped; a new one on the same store takes over.
    const restarted = build();
    clock.set(T0 + HOUR);
    const done = await restarted.resume(waiting.runId);

    expect(done.status).toBe('succeeded');
    expect(effects.keys()).toEqual(['enrich', 'notify']);
    expect((await inspect(store, waiting.runId)).path).toEqual(['enrich', 'wait', 'notify']);
  });

  it('when the process dies while an effect is in flight then the resumed run re-sends it with the same idempotency key', async () => {
    // start → enrich (GET) → block (POST, hangs in the first process) → after
    const doc = workflow('enrich', {
      enrich: get('https://intel.example', { out: 'block' }),
      block: post('https://fw.example/block', { out: 'after' }),
      after: transform('steps.block.output'),
    });
    const clock = createVirtualClock({ start: T0 });
    const first = new FakeEffects({ block: () => never() });
    const { engine, build, store } = harness({ clock, effects: first });

    void engine.start(doc, {}, { runId: 'run-1' });
    await until(() => first.calls.length === 2);
    const stored = await inspect(store, 'run-1');
    expect(stored.attemptsOf('block')).toMatchObject([{ attempt: 1, status: 'running' }]);

    const second = new FakeEffects({ block: () => ({ ok: true, output: 'blocked' }) });
    const done = await build({ effects: second }).resume('run-1');

    expect(done.status).toBe('succeeded');
    expect(second.keys()).toEqual(['block']);
    expect(second.calls[0]?.idempotencyKey).toBe(first.calls[1]?.idempotencyKey);
    expect(second.calls[0]?.idempotencyKey).toBe('run-1:block:1');
    expect((await inspect(store, 'run-1')).attemptsOf('block')).toMatchObject([{ attempt: 1, status: 'succeeded' }]);
  });

  it('when the process dies during a retry then the resumed run re-sends that attempt, not the first', async () => {
    // start → push (POST; attempt 1 fails, attempt 2 hangs in the first process)
    const doc = workflow('push', {
      push: post('https://x.example', {}, { retry: { maxAttempts: 3, initialDelayMs: 60_000, jitter: 0 } }),
    });
    const clock = createVirtualClock({ start: T0 });
    const first = new FakeEffects({
      push: (req) =>
        req.attempt === 1 ? { ok: false, error: { kind: 'http_5xx', message: '503', retryable: true } } : never(),
    });
    const { engine, build } = harness({ clock, effects: first });

    const waiting = await engine.start(doc, {}, { runId: 'run-2' });
    clock.set(waiting.wakeAt ?? 0);
    void engine.resume('run-2');
    await until(() => first.calls.length === 2);

    const second = new FakeEffects();
    await build({ effects: second }).resume('run-2');

    expect(first.calls.map((c) => c.idempotencyKey)).toEqual(['run-2:push:1', 'run-2:push:2']);
    expect(second.calls.map((c) => c.idempotencyKey)).toEqual(['run-2:push:2']);
  });

  it('when a run waits for an approval then a new process can take the decision', async () => {
    // start → ask (approval) ─approved→ done
    const doc = workflow('ask', {
      ask: step('approval', { approvers: { users: ['alice'] }, timeout: '2d' }, { approved: 'done' }),
      done: transform('"done"'),
    });
    const { engine, build, store } = harness({ clock: createVirtualClock({ start: T0 }) });

    const waiting = await engine.start(doc, {});
    const result = await build().decide(waiting.runId, `${waiting.runId}:ask`, { decision: 'approved', by: 'alice' });

    expect(result.status).toBe('succeeded');
    expect((await inspect(store, waiting.runId)).path).toEqual(['ask', 'done']);
  });

  it('when a run is cancelled while waiting then its task is closed and it stays cancelled', async () => {
    const closed: string[] = [];
    const approvals: ApprovalsPort = {
      open: async () => {},
      escalate: async () => {},
      close: async (task, outcome) => void closed.push(`${task.stepKey} ${outcome}`),
    };
    const doc = workflow('ask', { ask: step('approval', { approvers: { users: ['a'] }, timeout: '1h' }) });
    const { engine, build } = harness({ clock: createVirtualClock({ start: T0 }), approvals });

    const waiting = await engine.start(doc, {});
    const cancelled = await build().cancel(waiting.runId, 'false positive');

    expect(cancelled).toMatchObject({ status: 'cancelled', message: 'false positive' });
    expect(closed).toEqual(['ask cancelled']);
    expect((await engine.resume(waiting.runId)).status).toBe('cancelled');
  });

  it('when a run is created then it is stored as queued before any step runs', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects });

    const runId = await engine.create(workflow('a', { a: get('https://x.example') }), {});

    expect((await store.load(runId))?.state.status).toBe('queued');
    expect(effects.calls).toHaveLength(0);
    expect((await engine.resume(runId)).status).toBe('succeeded');
  });

  it('when a chain of pure steps runs then its progress goes to the store in a few batched commits', async () => {
    const steps: Record<string, unknown> = {};
    for (let i = 0; i < 50; i++) steps[`s${i}`] = transform(`${i}`, i < 49 ? { out: `s${i + 1}` } : {});
    const store = new MemoryRunStore();
    const { engine } = harness({ store });

    const run = await engine.start(workflow('s0', steps), {});

    expect((await inspect(store, run.runId)).path).toHaveLength(50);
    expect(store.commits).toBeLessThanOrEqual(3);
  });
});
