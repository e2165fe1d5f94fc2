import type { WorkflowDocument } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  createVirtualClock,
  MemoryRunStore,
  type RunStore,
  type WorkflowResolver,
} from '../../src/engine';
import { FakeEffects, get, harness, inspect, step, T0, transform, workflow } from './harness';

const resolver = (docs: Record<string, WorkflowDocument>): WorkflowResolver => ({
  resolve: async (id) => docs[id],
});

/** start → sub (calls `enrich` with { ip }) → after (the child's output) */
const parent = workflow('sub', {
  sub: step('subworkflow', { workflow: 'enrich', input: '{ "ip": event.ip }' }, { out: 'after', error: 'failed' }),
  after: transform('steps.sub.output.verdict'),
  failed: transform('steps.sub.output.error.message'),
});

describe('engine: sub-workflows', () => {
  it('when a step calls a sub-workflow then the child runs as its own run and its output comes back', async () => {
    // child: start → look (GET /{{ event.ip }}) → out (end with output)
    const child = workflow('look', {
      look: get('https://intel.example/{{ event.ip }}', { out: 'out' }),
      out: step('end', { output: '{ "verdict": "clean:" & event.ip }' }),
    });
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, workflows: resolver({ enrich: child }) });

    const run = await engine.start(parent, { ip: '198.51.100.4' });

    expect(run.status).toBe('succeeded');
    expect((await inspect(store, run.runId)).result('after')?.output).toBe('clean:198.51.100.4');
    const stored = await inspect(store, `${run.runId}/sub`);
    expect(stored.run).toMatchObject({ parentRunId: run.runId, parentStepKey: 'sub', depth: 1 });
    expect(stored.path).toEqual(['look', 'out']);
    expect(effects.calls[0]?.runId).toBe(`${run.runId}/sub`);
  });

  it('when the child waits for a person then the parent waits too and continues once the child ends', async () => {
    // child: start → ask (approval) ─approved→ out (end with output)
    const child = workflow('ask', {
      ask: step('approval', { approvers: { users: ['alice'] }, timeout: '1d' }, { approved: 'out' }),
      out: step('end', { output: '{ "verdict": "approved" }' }),
    });
    const { engine, store } = harness({
      clock: createVirtualClock({ start: T0 }),
      workflows: resolver({ enrich: child }),
    });

    const waiting = await engine.start(parent, { ip: 'x' });
    expect(waiting.status).toBe('waiting');
    const childId = `${waiting.runId}/sub`;
    await engine.decide(childId, `${childId}:ask`, { decision: 'approved', by: 'alice' });

    const r = await inspect(store, waiting.runId);
    expect(r.state.status).toBe('succeeded');
    expect(r.result('after')?.output).toBe('approved');
  });

  it('when the process dies between a child ending and its parent waking then resuming the parent picks up the result', async () => {
    // child: start → ask (approval) ─approved→ out (end with output)
    const child = workflow('ask', {
      ask: step('approval', { approvers: { users: ['alice'] }, timeout: '1d' }, { approved: 'out' }),
      out: step('end', { output: '{ "verdict": "late" }' }),
    });
    const memory = new MemoryRunStore();
    const clock = createVirtualClock({ start: T0 });
    const effects = new FakeEffects();
    const first = createEngine({ store: memory, clock, effects, workflows: resolver({ enrich: child }) });
    const waiting = await first.start(parent, {});
    const childId = `${waiting.runId}/sub`;

    // This process ends the child but cannot reach the parent (it "dies" right after).
    const blind: RunStore = {
      commit: (id, c) => memory.commit(id, c),
      due: (now, limit) => memory.due(now, limit),
      load: (id) => (id === waiting.runId ? Promise.reject(new Error('gone')) : memory.load(id)),
    };
    await createEngine({ store: blind, clock, effects }).decide(childId, `${childId}:ask`, {
      decision: 'approved',
      by: 'alice',
    });
    expect((await memory.load(waiting.runId))?.state.status).toBe('waiting');

    // A new process without a resolver: the parent must not look the workflow up again.
    const resumed = await createEngine({ store: memory, clock, effects }).resume(waiting.runId);

    expect(resumed.status).toBe('succeeded');
    expect((await inspect(memory, waiting.runId)).result('after')?.output).toBe('late');
  });

  it('when the child fails then the calling step fails and its error port is taken', async () => {
    const child = workflow('boom', { boom: step('end', { status: 'failed', message: 'no intel' }) });
    const { engine, store } = harness({ workflows: resolver({ enrich: child }) });

    const run = await engine.start(parent, {});

    expect(run.status).toBe('succeeded');
    expect((await inspect(store, run.runId)).result('failed')?.output).toBe('sub-workflow enrich failed: no intel');
  });

  it('when a workflow calls itself then nesting stops at the maximum depth', async () => {
    // loop: start → again (calls `loop`)
    const self = workflow('again', { again: step('subworkflow', { workflow: 'loop' }) });
    const { engine, store } = harness({ workflows: resolver({ loop: self }), limits: { maxDepth: 3 } });

    const run = await engine.start(self, {});

    expect(run.status).toBe('failed');
    expect(run.error?.kind).toBe('validation');
    expect(run.error?.message).toContain('sub-workflows nest deeper than 3');
    const deepest = `${run.runId}/again/again/again`;
    expect((await store.load(deepest))?.run.depth).toBe(3);
    expect(await store.load(`${deepest}/again`)).toBeUndefined();
  });

  it('when the called workflow does not exist then the step fails with a validation error', async () => {
    const { engine } = harness({ workflows: resolver({}) });

    const run = await engine.start(workflow('sub', { sub: step('subworkflow', { workflow: 'ghost' }) }), {});

    expect(run.error).toMatchObject({ kind: 'validation', message: 'workflow "ghost" not found' });
  });
});
