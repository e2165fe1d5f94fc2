import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpressionPool, type ExpressionPool } from '../../src/sandbox/pool';
import { harness, inspect, step, transform, workflow } from './harness';

/**
 * start → each (for-each over event.items) ─item→ work (a costly transform) ─→ back to each
 *                                         └done→ total
 */
const costlyLoop = workflow('each', {
  each: step('foreach', { items: 'event.items' }, { item: 'work', done: 'total' }),
  work: transform('$sum([1..200000])', { out: 'each' }),
  total: transform('$count(steps.each.output)'),
});

describe('engine: expression budget and output caps', () => {
  it('when a run spends its expression budget in a for-each then it fails with budget_exceeded naming the step, long before the last item', async () => {
    const { engine, store } = harness({ limits: { runExpressionBudgetMs: 100 } });
    const items = Array.from({ length: 2_000 }, (_, i) => i);

    const run = await engine.start(costlyLoop, { items });

    expect(run.status).toBe('failed');
    const r = await inspect(store, run.runId);
    const failed = r.attempts.filter((a) => a.stepId === 'work' && a.status === 'failed');
    expect(failed[0]?.error).toMatchObject({ kind: 'budget_exceeded', message: expect.stringMatching(/^step work: /) });
    // The for-each fails with the item's error, which names the step.
    expect(r.state.error).toMatchObject({ kind: 'budget_exceeded', message: expect.stringMatching(/step work: /) });
    // The budget stopped the loop: far fewer items ran than were given.
    const ran = r.attempts.filter((a) => a.stepId === 'work' && a.status === 'succeeded').length;
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(items.length);
  });

  it('when the budget is ample then the same loop succeeds (the budget, not the loop, failed the run above)', async () => {
    const { engine } = harness({ limits: { runExpressionBudgetMs: 600_000 } });
    const run = await engine.start(costlyLoop, { items: [1, 2, 3] });
    expect(run.status).toBe('succeeded');
  });

  it("when a step's output is larger than the cap then the step fails with output_too_large and nothing of it is stored", async () => {
    const { engine, store } = harness({ limits: { maxOutputBytes: 1_000 } });
    const doc = workflow('big', { big: transform('[1..10000]'), small: transform('1') });

    const run = await engine.start(doc, {});

    expect(run.status).toBe('failed');
    const r = await inspect(store, run.runId);
    expect(r.attemptsOf('big')[0]?.error).toMatchObject({
      kind: 'output_too_large',
      message: expect.stringMatching(/over the 1000-byte limit/),
    });
    expect(r.result('big')?.output).toBeUndefined();
  });
});

describe('engine with the sandbox pool', () => {
  let pool: ExpressionPool;
  beforeAll(async () => {
    pool = await startExpressionPool({ processes: 1, maxHeapMb: 96 });
  }, 60_000);
  afterAll(() => pool?.close());

  it('when the engine evaluates through the sandbox then steps see event, outputs and $now() from the run clock', async () => {
    const { engine, store, clock } = harness({ expressions: pool });
    const doc = workflow('a', {
      a: transform('{ "ip": event.ip, "at": $now() }', { out: 'b' }),
      b: transform('steps.a.output.ip & " seen at " & steps.a.output.at'),
    });

    const run = await engine.start(doc, { ip: '203.0.113.7' });

    expect(run.status).toBe('succeeded');
    const r = await inspect(store, run.runId);
    expect(r.result('b')?.output).toBe(`203.0.113.7 seen at ${new Date(clock.now()).toISOString()}`);
  });

  it('when an expression exhausts the sandbox heap then the step fails with kind expression and the engine runs the next run', async () => {
    const { engine } = harness({ expressions: pool });
    const bomb = workflow('x', { x: transform('$length($reduce([1..29], function($a, $x) { $a & $a }, "x"))') });

    const failed = await engine.start(bomb, {});
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ kind: 'expression' });

    const ok = await engine.start(workflow('y', { y: transform('1 + 1') }), {});
    expect(ok.status).toBe('succeeded');
  }, 30_000);

  it('when a for-each body evaluates through the sandbox then every item sees its item and the enclosing steps, and the loop ends', async () => {
    const { engine, store } = harness({ expressions: pool });
    const doc = workflow('base', {
      base: transform('10', { out: 'each' }),
      each: step('foreach', { items: 'event.items' }, { item: 'work', done: 'total' }),
      work: transform('item * steps.base.output', { out: 'each' }),
      total: transform('$sum(steps.each.output.output)'),
    });

    const run = await engine.start(doc, { items: [1, 2, 3, 4, 5, 6] });

    expect(run.status).toBe('succeeded');
    expect((await inspect(store, run.runId)).result('total')?.output).toBe(210);
  }, 30_000);
});
