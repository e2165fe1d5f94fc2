/**
 * Which expressions run in the server's thread (cost bounded by their size × their input's)
 * and which must go to a sandbox process; and that running in the thread changes nothing a
 * playbook can see.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isBoundedExpression, isBoundedParams, isBoundedTemplate } from '../../src/sandbox/bounded';
import { startExpressionPool, type ExpressionPool } from '../../src/sandbox/pool';

const BOUNDED = [
  'steps.enrich.output.score >= 70',
  '"contain " & steps.enrich.output.ip',
  '{ "ip": event.src_ip, "score": 80 }',
  'event.alerts[severity = "high"].host',
  'event.user in ["root", "admin"] and not_a_function',
  'event.count > 3 ? "many" : "few"',
  '-event.n * 2 + 1',
  'event.hosts.*.name',
  '$.event[0]',
  '(event.a; event.b)',
  'item.ip',
];

const UNBOUNDED = [
  '$pad("", 20000000, "x")',
  '$reduce([1..28], function($a, $x) { $a & $a }, "x")',
  '[1..3000000]',
  '$contains(event.s, /^(a+)+$/)',
  '$now()',
  'event.list.($$.event.list)',
  'event.list[$$.event.list[$ = 1]]',
  'event.**.ip',
  '$x := 5',
  'event.list^(ip)',
  'event.list{ip: count}',
  'event.list#$i',
  'event ~> $keys',
  'function($x) { $x }',
  'event.list.%',
  'not valid (',
];

describe('bounded expressions', () => {
  test.each(BOUNDED)('%s runs in the thread', (source) => expect(isBoundedExpression(source)).toBe(true));
  test.each(UNBOUNDED)('%s goes to a sandbox process', (source) => expect(isBoundedExpression(source)).toBe(false));

  test('a template or params are bounded only when every {{ }} in them is', () => {
    expect(isBoundedTemplate('block {{ event.ip }} on {{ steps.fw.output.name }}')).toBe(true);
    expect(isBoundedTemplate('{{ $pad("", 9, "x") }} and {{ event.ip }}')).toBe(false);
    expect(isBoundedParams({ url: 'https://x/{{ event.id }}', body: { n: 1, tags: ['{{ item }}'] } })).toBe(true);
    expect(isBoundedParams({ url: 'https://x/', body: ['{{ [1..5] }}'] })).toBe(false);
  });
});

describe('the pool runs bounded expressions in the thread', () => {
  let pool: ExpressionPool;
  let sandboxOnly: ExpressionPool;
  beforeAll(async () => {
    const options = { processes: 1, timeoutMs: 2_000, maxHeapMb: 96, maxResultBytes: 10_000 };
    [pool, sandboxOnly] = await Promise.all([
      startExpressionPool(options),
      startExpressionPool({ ...options, boundedInThread: false }),
    ]);
  }, 60_000);
  afterAll(() => Promise.all([pool?.close(), sandboxOnly?.close()]));

  test('while the only sandbox process is busy with a slow expression, a bounded one answers at once', async () => {
    let slowDone = false;
    const slow = pool.evaluate('$length($pad("", 150000000, "x"))', {}).then(
      () => (slowDone = true),
      () => (slowDone = true),
    );
    await expect(pool.evaluate('event.a + 1', { event: { a: 41 } })).resolves.toBe(42);
    expect(slowDone).toBe(false);
    await slow;
  }, 30_000);

  test('answers, failures, the result cap and the budget are the same as in a sandbox process', async () => {
    const input = {
      event: {
        a: 2,
        s: 'x',
        alerts: [
          { severity: 'high', host: 'h1' },
          { severity: 'low', host: 'h2' },
        ],
      },
    };
    for (const source of [
      'event.a * 3',
      'event.alerts[severity = "high"].host',
      '{ "n": event.a, "s": event.s & "!" }',
    ]) {
      expect(await pool.evaluate(source, input)).toEqual(await sandboxOnly.evaluate(source, input));
    }
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: { error?: unknown }) => e.error,
      );
    // Adding a string to a number is an evaluation error in both.
    expect(await failure(pool.evaluate('event.s + 1', input))).toEqual(
      await failure(sandboxOnly.evaluate('event.s + 1', input)),
    );
    const big = { event: { list: Array.from({ length: 2_000 }, (_, i) => `item-${i}`) } };
    expect(await failure(pool.evaluate('[event.list, event.list]', big))).toMatchObject({ kind: 'output_too_large' });
    const budget = { limitMs: 1_000, spentMs: 0 };
    await pool.render('ip {{ event.a }}', input, { now: Date.now(), budget });
    expect(budget.spentMs).toBeGreaterThan(0);
    budget.spentMs = budget.limitMs;
    expect(await failure(pool.evaluate('event.a', input, { now: Date.now(), budget }))).toMatchObject({
      kind: 'budget_exceeded',
    });
  });
});
