/**
 * The expression sandbox: expressions run in separate processes, so a runaway one costs
 * its own process, never the server's event loop or heap. Assertions wait on outcomes,
 * not on wall-clock races.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startExpressionPool, type ExpressionPool } from '../../src/sandbox/pool';

let pool: ExpressionPool;
const incidents: string[] = [];

beforeAll(async () => {
  pool = await startExpressionPool({
    processes: 2,
    timeoutMs: 1_000,
    maxHeapMb: 96,
    maxResultBytes: 10_000,
    onIncident: (m) => incidents.push(m),
  });
}, 60_000);
afterAll(() => pool?.close());

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { error?: { kind: string; message: string } }) => e.error,
  );

describe('expression sandbox', () => {
  test('when an expression evaluates then it answers with the input, templates and params rendered as in process', async () => {
    await expect(pool.evaluate('event.a + 1', { event: { a: 41 } })).resolves.toBe(42);
    await expect(pool.render('ip {{ event.ip }}', { event: { ip: '203.0.113.7' } })).resolves.toBe('ip 203.0.113.7');
    await expect(
      pool.renderParams({ url: 'https://x/{{ event.id }}', body: '{{ event }}' }, new Set(['body']), {
        event: { id: 7 },
      }),
    ).resolves.toEqual({ url: 'https://x/7', body: '{{ event }}' });
    await expect(pool.evaluate('$now()', {}, { now: Date.UTC(2026, 0, 2) })).resolves.toBe('2026-01-02T00:00:00.000Z');
  });

  test('when params or a template hold no {{ }} then they render to themselves in this process, as Expressions does (no sandbox round trip: a spent budget does not refuse them)', async () => {
    const spent = { now: Date.now(), budget: { limitMs: 10, spentMs: 10 } };
    const params = { url: 'https://edr.example/hosts', headers: { accept: 'json' }, ids: [1, 2] };
    const rendered = await pool.renderParams(params, new Set(), {}, spent);
    expect(rendered).toEqual(params);
    expect(rendered).not.toBe(params);
    await expect(pool.render('plain text', {}, spent)).resolves.toBe('plain text');
    // With a template the same call goes to the sandbox, where the spent budget refuses it.
    expect(await failureOf(pool.renderParams({ url: '{{ event.id }}' }, new Set(), {}, spent))).toMatchObject({
      kind: 'budget_exceeded',
    });
  });

  test('when an expression runs past its limit then its process is killed, the step fails with kind expression, and other evaluations go on meanwhile', async () => {
    const slow = failureOf(pool.evaluate('$length($pad("", 200000000, "x"))', {}));
    // The other process answers while the slow one is still running.
    await expect(pool.evaluate('1 + 1', {})).resolves.toBe(2);
    expect(await slow).toMatchObject({
      kind: 'expression',
      message: expect.stringMatching(/longer than 1000 ms|memory limit/),
    });
    await expect(pool.evaluate('2 + 2', {})).resolves.toBe(4);
  }, 30_000);

  test('when an expression doubles a string past the heap cap then only its sandbox process dies and the pool answers again', async () => {
    const error = await failureOf(pool.evaluate('$length($reduce([1..29], function($a, $x) { $a & $a }, "x"))', {}));
    expect(error).toMatchObject({ kind: 'expression' });
    expect(incidents.some((m) => /memory limit|killed a process|ended/.test(m))).toBe(true);
    await expect(pool.evaluate('"still here"', {})).resolves.toBe('still here');
  }, 30_000);

  test('when a result is larger than the cap then the step fails with output_too_large', async () => {
    expect(await failureOf(pool.evaluate('[1..100000]', {}))).toMatchObject({
      kind: 'output_too_large',
      message: expect.stringMatching(/over the 10000-byte limit/),
    });
  });

  test("when a run's expression budget is spent then the next evaluation fails with budget_exceeded", async () => {
    const budget = { limitMs: 0, spentMs: 0 };
    expect(await failureOf(pool.evaluate('1', {}, { now: 0, budget }))).toMatchObject({ kind: 'budget_exceeded' });

    const run = { limitMs: 150, spentMs: 0 };
    let rounds = 0;
    let error: { kind: string } | undefined;
    while (!error && rounds < 10_000) {
      error = await failureOf(pool.evaluate('$sum([1..20000])', {}, { now: 0, budget: run }));
      rounds++;
    }
    expect(error).toMatchObject({ kind: 'budget_exceeded' });
    expect(rounds).toBeGreaterThan(1);
    expect(run.spentMs).toBeGreaterThanOrEqual(150);
  }, 30_000);

  test("when a for-each item's steps come through a proxy then the sandbox sees them as plain data", async () => {
    const enclosing = { a: { output: 1 } };
    const own = { b: { output: 2 } };
    const steps = new Proxy(own, {
      get: (t, k) => (Object.hasOwn(t, k) ? Reflect.get(t, k) : Reflect.get(enclosing, k)),
      getOwnPropertyDescriptor: (t, k) =>
        Reflect.getOwnPropertyDescriptor(t, k) ?? Reflect.getOwnPropertyDescriptor(enclosing, k),
      ownKeys: (t) => [...Reflect.ownKeys(enclosing), ...Reflect.ownKeys(t)],
    });
    const input = { event: {}, steps, vars: {}, item: 'x', index: 0 };
    await expect(pool.evaluate('steps.a.output + steps.b.output', input)).resolves.toBe(3);
    await expect(pool.render('{{ item }}-{{ steps.b.output }}', input)).resolves.toBe('x-2');
  });

  test('when an input cannot be serialized then that evaluation fails with a clear error and no process is replaced', async () => {
    const before = incidents.length;
    // A function call keeps it in a sandbox process (a bare path would run in this thread: bounded.test.ts).
    const error = await failureOf(pool.evaluate('$string(event.x)', { event: { x: () => 1 } }));
    expect(error).toMatchObject({
      kind: 'expression',
      message: expect.stringMatching(/cannot be passed to the sandbox/),
    });
    expect(incidents.length).toBe(before);
    await expect(pool.evaluate('"still here"', {})).resolves.toBe('still here');
  });
});
